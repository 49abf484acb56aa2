/**
 * npm run bench:procurement [-- --db pglite|postgres --transactions 1000000]
 *
 * Builds N registered, packed and declared transactions fast with COPY (1 line each, 40 per
 * container and declaration), then measures: registration through the use-case (one transaction
 * per call, and batches of 250), trace latency p50/p99 by declaration number and by party at that
 * size, and the COPY rate of the same transaction rows as the raw write limit.
 */
import { randomBytes } from 'node:crypto';
import { usciCheckCharacter } from '@kouan/domain/identifiers';
import { sql } from 'kysely';
import { migrate } from '../src/db/migrate';
import { createStore } from '../src/db/store';
import { applyRecognition, createZone, decideRecognition, fileParties } from '../src/features/parties';
import {
  filePurchaser,
  listProduct,
  registerTransaction,
  registerTransactions,
  type TransactionInput,
  traceDeclaration,
  traceParty,
} from '../src/features/procurement';
import { PLATFORM_ORG_ID, systemActor } from '../src/lib/actor';
import { systemClock } from '../src/lib/clock';
import { createPiiVault } from '../src/lib/pii';
import {
  argValue,
  type BenchDb,
  copyRows,
  type Figure,
  freshDb,
  percentile,
  printFigures,
  writeResults,
} from './bench-common';

const database = argValue('db', 'pglite') as BenchDb;
const total = Number(argValue('transactions', '1000000'));
const PER_CONTAINER = 40;
const CHUNK = 50_000;
const SINGLE = Number(argValue('single', '300'));
const BATCHED = Number(argValue('batched', '2000'));
const TRACES = 500;
const SUPPLIERS = 200;
const PURCHASERS = 50;

const vault = createPiiVault({ piiKey: randomBytes(32), piiHashKey: randomBytes(32) });
const actor = systemActor('req_bench', 'bench');
const usci = (body: string) => body + usciCheckCharacter(body);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

async function setUp(deps: {
  store: ReturnType<typeof createStore>;
  vault: typeof vault;
  clock: typeof systemClock;
}) {
  await deps.store.repos.identity.insertOrganisation({
    id: PLATFORM_ORG_ID,
    kind: 'platform',
    department: null,
    name: 'bench',
    jurisdictionDistrictCode: null,
    partyId: null,
    createdAt: new Date(),
  });
  const zone = await createZone(deps, actor, {
    code: 'B-01',
    name: 'bench zone',
    districtCode: '330302',
    districtName: '鹿城区',
    description: 'bench',
    effectiveFrom: '2019-01-01',
  });
  const [operator, broker] = await fileParties(deps, actor, {
    parties: [
      {
        kind: 'trade_operator',
        legalForm: 'organisation',
        name: 'bench operator',
        usci: usci('91330302TP0000001'),
        customsCode: '3303961001',
        districtCode: '330302',
      },
      {
        kind: 'customs_broker',
        legalForm: 'organisation',
        name: 'bench broker',
        usci: usci('91330302BK0000001'),
        customsCode: '3303981001',
      },
    ],
  });
  await applyRecognition(deps, actor, { partyId: operator!.id, statement: 'bench' });
  await decideRecognition(deps, actor, { partyId: operator!.id, decision: 'recognise' });
  const suppliers = [];
  for (let i = 0; i < SUPPLIERS; i += 100) {
    suppliers.push(
      ...(await fileParties(deps, actor, {
        parties: Array.from({ length: 100 }, (_, k) => ({
          kind: 'supplier' as const,
          legalForm: 'organisation' as const,
          name: `bench stall ${i + k}`,
          usci: usci(`92330302DM${pad(i + k, 7)}`),
          zoneId: zone.id,
          stallNo: `S${i + k}`,
        })),
      })),
    );
  }
  const purchasers = await fileParties(deps, actor, {
    parties: Array.from({ length: PURCHASERS }, (_, i) => ({
      kind: 'purchaser' as const,
      legalForm: 'individual' as const,
      name: `Buyer ${i}`,
      nationality: 'EG',
      passport: { number: `B${pad(i, 8)}`, nationality: 'EG' },
    })),
  });
  const products = [];
  for (const s of suppliers)
    products.push(
      await listProduct(deps, actor, {
        supplierId: s.id,
        name: 'shoes',
        hsCode: '6402991000',
        unit: '双',
        referencePrice: '10',
        currency: 'USD',
      }),
    );
  for (const p of purchasers)
    await filePurchaser(deps, actor, {
      operatorId: operator!.id,
      purchaserId: p.id,
      agreement: { number: `A${p.id}`, sha256: 'a'.repeat(64), signedOn: '2026-01-01' },
    });
  return { zone, operator: operator!, broker: broker!, suppliers, purchasers, products };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

/** TSV rows of one chunk of bulk transactions, lines, containers, packing, declarations, items and parties. */
function chunkRows(s: Setup, from: number, to: number, now: string) {
  const rows: Record<string, string[]> = {
    tx: [],
    line: [],
    ctr: [],
    pack: [],
    decl: [],
    item: [],
    party: [],
  };
  for (let i = from; i < to; i += 1) {
    const supplier = s.suppliers[i % SUPPLIERS]!;
    const purchaser = s.purchasers[Math.floor(i / PER_CONTAINER) % PURCHASERS]!;
    const c = Math.floor(i / PER_CONTAINER);
    const id = pad(i, 9);
    rows.tx!.push(
      [
        `ptx_B${id}`,
        s.zone.id,
        'S1',
        supplier.id,
        purchaser.id,
        s.operator.id,
        'USD',
        '1000.00',
        'bank_transfer',
        '2026-11-01',
        'declared',
        now,
        'bench',
        '\\N',
        '1',
      ].join('\t'),
    );
    rows.line!.push(
      [`pline_B${id}`, `ptx_B${id}`, '1', s.products[i % SUPPLIERS]!.id, '100', '10', '1000.00', '100'].join(
        '\t',
      ),
    );
    if (i % PER_CONTAINER === 0) {
      rows.ctr!.push(
        [
          `ctr_B${pad(c, 9)}`,
          `BNCU${pad(c, 7)}`,
          'S',
          s.operator.id,
          '1000',
          '900',
          'declared',
          now,
          'bench',
        ].join('\t'),
      );
      rows.decl!.push(
        [
          `decl_B${pad(c, 9)}`,
          `1039B${pad(c, 9)}`,
          '\\N',
          `ctr_B${pad(c, 9)}`,
          s.operator.id,
          s.broker.id,
          purchaser.id,
          '1',
          '1',
          '40000.00',
          '150000.00',
          '2026-11-01',
          'f',
          '[]',
          'generated',
          now,
          'bench',
          '\\N',
          '1',
        ].join('\t'),
      );
      for (const [party, role] of [
        [s.operator.id, 'operator'],
        [s.broker.id, 'broker'],
        [purchaser.id, 'purchaser'],
      ] as const)
        rows.party!.push([party, `decl_B${pad(c, 9)}`, role].join('\t'));
    }
    rows.pack!.push([`pack_B${id}`, `ctr_B${pad(c, 9)}`, `pline_B${id}`, `ptx_B${id}`, '100'].join('\t'));
    rows.item!.push(
      [`decl_B${pad(c, 9)}`, `pack_B${id}`, `ptx_B${id}`, '100', '1000.00', '\\N', '\\N'].join('\t'),
    );
    rows.party!.push([supplier.id, `decl_B${pad(c, 9)}`, 'supplier'].join('\t'));
  }
  return rows;
}

const COLUMNS: Record<string, [string, string]> = {
  tx: [
    'procurement_transactions',
    'id, zone_id, stall_no, supplier_id, purchaser_id, operator_id, currency, total_amount, payment_method, trade_date, status, registered_at, registered_by, registered_by_org, version',
  ],
  line: [
    'procurement_transaction_lines',
    'id, transaction_id, line_no, product_id, quantity, unit_price, amount, packed_quantity',
  ],
  ctr: [
    'procurement_containers',
    'id, container_no, seal_no, operator_id, gross_weight_kg, net_weight_kg, status, created_at, created_by',
  ],
  pack: ['procurement_packing_lines', 'id, container_id, transaction_line_id, transaction_id, quantity'],
  decl: [
    'procurement_declarations',
    'id, declaration_no, customs_entry_no, container_id, operator_id, broker_id, purchaser_id, part_index, part_count, total_value_usd, limit_usd, rate_date, simplified, lines, status, created_at, created_by, cleared_at, version',
  ],
  item: [
    'procurement_declaration_items',
    'declaration_id, packing_line_id, transaction_id, quantity, value_usd, part_index, part_count',
  ],
  party: ['procurement_declaration_parties', 'party_id, declaration_id, role'],
};

function sale(s: Setup, i: number): TransactionInput {
  return {
    supplierId: s.suppliers[i % SUPPLIERS]!.id,
    purchaserId: s.purchasers[i % PURCHASERS]!.id,
    operatorId: s.operator.id,
    currency: 'USD',
    paymentMethod: 'bank_transfer',
    lines: [{ productId: s.products[i % SUPPLIERS]!.id, quantity: '120', unitPrice: '8.50' }],
  };
}

function latency(samples: number[]) {
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function main() {
  process.stdout.write(`bench:procurement on ${database}, ${total.toLocaleString('en-US')} transactions\n`);
  const db = await freshDb(database);
  await migrate(db.handle.db);
  const store = createStore(db.handle.db);
  const deps = { store, vault, clock: systemClock };
  const s = await setUp(deps);
  const target = {
    kind: database,
    ...(db.url ? { url: db.url } : {}),
    ...(db.pglite ? { pglite: db.pglite } : {}),
  };

  const now = new Date().toISOString();
  let copyTxMs = 0;
  const bulkStarted = performance.now();
  for (let from = 0; from < total; from += CHUNK) {
    const rows = chunkRows(s, from, Math.min(total, from + CHUNK), now);
    for (const key of ['tx', 'line', 'ctr', 'pack', 'decl', 'item', 'party']) {
      const [table, columns] = COLUMNS[key]!;
      const ms = await copyRows(target, table, columns, rows[key]!);
      if (key === 'tx') copyTxMs += ms;
    }
    process.stdout.write(
      `  … ${Math.min(total, from + CHUNK).toLocaleString('en-US')} transactions loaded\n`,
    );
  }
  const bulkSeconds = (performance.now() - bulkStarted) / 1000;
  await sql`analyze`.execute(db.handle.db);

  let started = performance.now();
  for (let i = 0; i < SINGLE; i += 1) await registerTransaction(deps, actor, sale(s, i));
  const singleRate = SINGLE / ((performance.now() - started) / 1000);
  started = performance.now();
  for (let i = 0; i < BATCHED; i += 250) {
    await registerTransactions(deps, actor, {
      transactions: Array.from({ length: Math.min(250, BATCHED - i) }, (_, k) => sale(s, i + k)),
    });
  }
  const batchedRate = BATCHED / ((performance.now() - started) / 1000);

  const containers = Math.ceil(total / PER_CONTAINER);
  const byDeclaration: number[] = [];
  const byParty: number[] = [];
  for (let i = 0; i < TRACES; i += 1) {
    const number = `1039B${pad(Math.floor(Math.random() * containers), 9)}`;
    let t0 = performance.now();
    const trace = await traceDeclaration(deps, actor, number);
    byDeclaration.push(performance.now() - t0);
    if (trace.transactions.length === 0) throw new Error(`trace of ${number} found no transactions`);
    t0 = performance.now();
    await traceParty(deps, actor, { partyId: s.purchasers[i % PURCHASERS]!.id, pageSize: 50 });
    byParty.push(performance.now() - t0);
  }
  const decl = latency(byDeclaration);
  const party = latency(byParty);
  const size = total + SINGLE + BATCHED;
  const figures: Figure[] = [
    {
      name: 'registration via use-case, one per call',
      value: Math.round(singleRate),
      unit: 'transactions/s',
    },
    {
      name: 'registration via use-case, batches of 250',
      value: Math.round(batchedRate),
      unit: 'transactions/s',
    },
    { name: `trace by declaration p50 at ${size.toLocaleString('en-US')} tx`, value: decl.p50, unit: 'ms' },
    { name: `trace by declaration p99 at ${size.toLocaleString('en-US')} tx`, value: decl.p99, unit: 'ms' },
    { name: 'trace by party (page of 50) p50', value: party.p50, unit: 'ms' },
    { name: 'trace by party (page of 50) p99', value: party.p99, unit: 'ms' },
    { name: 'target: trace p99', value: 100, unit: 'ms' },
    {
      name: 'raw limit: COPY of the same transaction rows (indexed table)',
      value: Math.round(total / (copyTxMs / 1000)),
      unit: 'rows/s',
    },
    { name: 'bulk load of the whole chain (7 tables)', value: Math.round(bulkSeconds), unit: 's' },
    {
      name: 'ratio: batched registration / COPY',
      value: batchedRate / (total / (copyTxMs / 1000)),
      unit: '',
    },
  ];
  printFigures(`bench:procurement — ${database} (${db.connection})`, figures);
  const file = writeResults('procurement', database, figures, {
    connection: db.connection,
    transactions: size,
    declarations: containers,
  });
  process.stdout.write(`\nwritten to ${file}\n`);
  await db.drop();
}

await main();
