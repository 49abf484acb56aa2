import type { Store } from '../db/store';
import { applyRecognition, decideRecognition, fileParties, type PartyInput } from '../features/parties';
import {
  declareVatFiling,
  filePurchaser,
  generateDeclarations,
  generateVatFilings,
  listProduct,
  packContainer,
  recordClearance,
  recordFxCollection,
  registerTransactions,
  type TransactionInput,
} from '../features/procurement';
import { type Actor, systemActor } from '../lib/actor';
import type { Clock } from '../lib/clock';
import type { PiiVault } from '../lib/pii';
import {
  DEMO_WEEK,
  demoContainerNo,
  demoManufacturers,
  demoOperators,
  demoPurchasers,
  demoSuppliers,
  GOODS,
  prng,
} from './demo-procurement-data';

type Deps = { store: Store; vault: PiiVault; clock: Clock };
type Rng = ReturnType<typeof prng>;

export interface ProcurementWeekSummary {
  readonly skipped: boolean;
  readonly transactions: number;
  readonly containers: number;
  readonly declarations: number;
}

/** Files the parties that are not filed yet (looked up by USCI, or by name for purchasers); returns all ids. */
async function ensureParties(deps: Deps, actor: Actor, parties: readonly PartyInput[]): Promise<string[]> {
  const { repos } = deps.store;
  const ids: (string | undefined)[] = [];
  for (const p of parties) {
    const found = p.usci
      ? await repos.parties.findParties(
          { identifier: p.usci, kind: p.kind, offset: 0, limit: 1 },
          { kind: 'all' },
        )
      : await repos.parties.findParties(
          {
            name: p.name,
            nameHash: deps.vault.blindIndex('name', p.name),
            kind: p.kind,
            offset: 0,
            limit: 50,
          },
          { kind: 'all' },
        );
    ids.push(p.usci ? found.rows[0]?.id : found.rows.find((r) => r.nationality === p.nationality)?.id);
  }
  const missing = parties.filter((_, i) => ids[i] === undefined);
  const filed: string[] = [];
  for (let i = 0; i < missing.length; i += 100) {
    filed.push(...(await fileParties(deps, actor, { parties: missing.slice(i, i + 100) })).map((p) => p.id));
  }
  return ids.map((id) => id ?? (filed.shift() as string));
}

async function ensureRecognised(deps: Deps, actor: Actor, operatorIds: readonly string[]) {
  for (const partyId of operatorIds) {
    const party = await deps.store.repos.parties.getParty(partyId, { kind: 'all' });
    if (party?.recognition === 'recognised') continue;
    if (party?.recognition !== 'pending')
      await applyRecognition(deps, actor, { partyId, statement: '演示：申请认定' });
    await decideRecognition(deps, actor, { partyId, decision: 'recognise', reason: '演示：材料齐全' });
  }
}

async function listCatalogue(
  deps: Deps,
  actor: Actor,
  suppliers: readonly string[],
  manufacturers: readonly string[],
) {
  const catalogue = new Map<string, { id: string; priceCny: number }[]>();
  for (const [i, supplierId] of suppliers.entries()) {
    const trade = GOODS.filter((g) => g.trade === GOODS[(i * 2) % GOODS.length]!.trade);
    const products = [];
    for (const g of trade.slice(0, DEMO_WEEK.productsPerSupplier)) {
      const row = await listProduct(deps, actor, {
        supplierId,
        name: g.name,
        hsCode: g.hsCode,
        unit: g.unit,
        referencePrice: g.priceCny.toFixed(2),
        currency: 'CNY',
        manufacturerId: manufacturers[i % manufacturers.length],
      });
      products.push({ id: row.id, priceCny: g.priceCny });
    }
    catalogue.set(supplierId, products);
  }
  return catalogue;
}

/** Each operator keeps the files of its share of the purchasers. */
async function filePurchasers(
  deps: Deps,
  actor: Actor,
  operators: readonly string[],
  purchasers: readonly string[],
) {
  const byOperator = new Map<string, string[]>(operators.map((o) => [o, []]));
  for (const [i, purchaserId] of purchasers.entries()) {
    const operatorId = operators[i % operators.length]!;
    byOperator.get(operatorId)!.push(purchaserId);
    if (await deps.store.repos.procurement.catalogue.getPurchaserFile(operatorId, purchaserId)) continue;
    await filePurchaser(deps, actor, {
      operatorId,
      purchaserId,
      agreement: {
        number: `WT-2026-${String(i + 1).padStart(4, '0')}`,
        sha256: sha(i),
        signedOn: '2026-01-10',
      },
    });
  }
  return byOperator;
}

const sha = (i: number) => i.toString(16).padStart(8, '0').repeat(8).slice(0, 64);

function chinaDay(clock: Clock, daysAgo: number): string {
  return new Date(clock.now().getTime() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

function weekOfSales(
  rng: Rng,
  clock: Clock,
  suppliers: readonly string[],
  catalogue: Map<string, { id: string; priceCny: number }[]>,
  purchasersOf: Map<string, string[]>,
): TransactionInput[] {
  const operators = [...purchasersOf.keys()];
  return Array.from({ length: DEMO_WEEK.transactions }, (_, i) => {
    const supplierId = rng.pick(suppliers);
    const operatorId = rng.pick(operators);
    const usd = rng.next() < 0.6;
    const products = catalogue.get(supplierId)!.slice(0, rng.int(1, 2));
    return {
      supplierId,
      operatorId,
      purchaserId: rng.pick(purchasersOf.get(operatorId)!),
      tradeDate: chinaDay(clock, i % 7),
      currency: usd ? 'USD' : 'CNY',
      paymentMethod: rng.pick(['bank_transfer', 'online_payment', 'letter_of_credit'] as const),
      lines: products.map((p) => {
        const price = p.priceCny * (0.9 + rng.next() * 0.2);
        return {
          productId: p.id,
          quantity: String(rng.int(2, 60) * 50),
          unitPrice: (usd ? price / 7.1 : price).toFixed(2),
        };
      }),
    };
  });
}

async function packAndDeclare(
  deps: Deps,
  actor: Actor,
  rng: Rng,
  brokerId: string,
  registered: { id: string; operator_id: string }[],
) {
  const owners = ['MSC', 'CSQ', 'TGH', 'OOL', 'MAE'];
  const byOperator = new Map<string, string[]>();
  for (const t of registered) byOperator.set(t.operator_id, [...(byOperator.get(t.operator_id) ?? []), t.id]);
  const declared: string[] = [];
  let index = 0;
  for (const [operatorId, txIds] of byOperator) {
    for (let i = 0; i < txIds.length; i += DEMO_WEEK.transactionsPerContainer) {
      const chunk = txIds.slice(i, i + DEMO_WEEK.transactionsPerContainer);
      const lines = await deps.store.repos.procurement.transactions.linesOf(chunk);
      const grossKg = lines.reduce((kg, l) => kg + Number(l.quantity) * 0.4, 0) + 2_300;
      index += 1;
      const { container } = await packContainer(deps, actor, {
        operatorId,
        containerNo: demoContainerNo(owners[index % owners.length]!, index),
        sealNo: `WZ${String(700_000 + index)}`,
        grossWeightKg: grossKg.toFixed(3),
        netWeightKg: (grossKg * 0.92).toFixed(3),
        lines: lines.map((l) => ({ transactionLineId: l.id })),
      });
      // Most containers of the week are declared; the last few are still being loaded.
      if (rng.next() < 0.85) {
        for (const d of await generateDeclarations(deps, actor, { containerId: container.id, brokerId }))
          declared.push(d.id);
      }
    }
  }
  return { containers: index, declared };
}

async function clearAndCollect(deps: Deps, actor: Actor, rng: Rng, declarationIds: readonly string[]) {
  let entry = 0;
  const released: string[] = [];
  for (const id of declarationIds) {
    const roll = rng.next();
    if (roll > 0.85) continue; // still with the broker
    entry += 1;
    await recordClearance(deps, actor, {
      declarationId: id,
      action: 'declared',
      customsEntryNo: `33012026${String(entry).padStart(10, '0')}`,
    });
    if (roll < 0.03) {
      await recordClearance(deps, actor, { declarationId: id, action: 'rejected', note: '演示：单证不符' });
      continue;
    }
    if (roll < 0.1)
      await recordClearance(deps, actor, { declarationId: id, action: 'inspected', note: '演示：布控查验' });
    if (roll < 0.75) {
      await recordClearance(deps, actor, { declarationId: id, action: 'released' });
      released.push(id);
    }
  }
  let fx = 0;
  const { declarations, transactions } = deps.store.repos.procurement;
  for (const id of released) {
    const items = await declarations.itemsOf([id]);
    for (const txId of new Set(items.map((i) => i.transaction_id))) {
      const [t] = await transactions.getTransactions([txId]);
      if (t?.status !== 'cleared' || rng.next() > 0.4) continue;
      fx += 1;
      const over = rng.next() < 0.03;
      await recordFxCollection(deps, actor, {
        declarationId: id,
        transactionId: txId,
        bankReference: `DEMO-FX-${String(fx).padStart(6, '0')}`,
        payerRole: rng.pick(['operator', 'operator', 'purchaser'] as const),
        amount: over ? (Number(t.total_amount) * 1.05).toFixed(2) : t.total_amount,
        currency: t.currency,
        creditedOn: chinaDay(deps.clock, 0),
      });
    }
  }
}

/**
 * A realistic market week for `npm start` in demo mode: about 200 stalls in the demo zones, 5
 * operators, 50 foreign purchasers, 2,000 transactions, containers, declarations (some cleared,
 * inspected or rejected), FX collections and VAT-exemption filings — all through the same
 * use-cases as the API, seeded so every start produces the same week. Once the week exists,
 * running again changes nothing.
 */
export async function seedProcurementWeek(
  deps: Deps,
  input: {
    operatorPartyId: string;
    brokerPartyId: string;
    supplierPartyId: string;
    zoneIds: readonly string[];
  },
): Promise<ProcurementWeekSummary> {
  const existing = await deps.store.repos.procurement.transactions.findTransactions({ offset: 0, limit: 1 });
  if (existing.total >= DEMO_WEEK.transactions)
    return { skipped: true, transactions: existing.total, containers: 0, declarations: 0 };
  const actor = systemActor('req_demo_procurement', 'demo-procurement');
  const rng = prng(DEMO_WEEK.seed);
  // The demo supplier's own stall trades too, so its login has a week of sales to look at.
  const suppliers = [
    input.supplierPartyId,
    ...(await ensureParties(deps, actor, demoSuppliers(input.zoneIds))),
  ];
  const operators = [input.operatorPartyId, ...(await ensureParties(deps, actor, demoOperators()))];
  await ensureRecognised(deps, actor, operators);
  const purchasers = await ensureParties(deps, actor, demoPurchasers());
  const manufacturers = await ensureParties(deps, actor, demoManufacturers());
  const catalogue = await listCatalogue(deps, actor, suppliers, manufacturers);
  const purchasersOf = await filePurchasers(deps, actor, operators, purchasers);
  const sales = weekOfSales(rng, deps.clock, suppliers, catalogue, purchasersOf);
  const registered = [];
  for (let i = 0; i < sales.length; i += 250) {
    registered.push(...(await registerTransactions(deps, actor, { transactions: sales.slice(i, i + 250) })));
  }
  const { containers, declared } = await packAndDeclare(deps, actor, rng, input.brokerPartyId, registered);
  await clearAndCollect(deps, actor, rng, declared);
  const month = nextMonth(chinaDay(deps.clock, 0).slice(0, 7));
  const filings = await generateVatFilings(deps, actor, { month });
  for (const filing of filings.filter((_, i) => i % 2 === 0))
    await declareVatFiling(deps, actor, { filingId: filing.id });
  return { skipped: false, transactions: registered.length, containers, declarations: declared.length };
}

/** The filing month whose "previous month" is the current one, so this week's clearances are filed. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
