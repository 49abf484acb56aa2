/**
 * The positive list (正面清单) and tax rates by HS code as editable reference data: loaded from CSV
 * (the formats of @kouan/domain/retail-import) by a customs or commerce regulator, with the date they
 * take effect. Rows are appended, never changed: a later row for the same code wins from its date;
 * withdrawing an entry appends it again with an end date.
 */
import {
  parsePositiveListCsv,
  parseTaxRateCsv,
  SAMPLE_POSITIVE_LIST_CSV,
  SAMPLE_TAX_RATES_CSV,
} from '@kouan/domain/retail-import';
import type { Store } from '../../db/store';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { PiiVault } from '../../lib/pii';
import { recordEvidence } from '../evidence';
import { cebError } from './ceb.errors';

export type ReferenceTable = 'positive-list' | 'tax-rates';
export const MAX_REFERENCE_PAGE = 200;

type Deps = { store: Store; clock: Clock; vault: PiiVault };

export async function loadReferenceCsv(
  deps: Deps,
  actor: Actor,
  input: { table: ReferenceTable; csv: string; effectiveFrom: string },
): Promise<{ table: ReferenceTable; loaded: number }> {
  const now = deps.clock.now();
  const base = {
    effective_from: input.effectiveFrom,
    effective_to: null,
    created_at: now,
    created_by: actor.id,
  };
  let rows: { hs_code: string }[];
  let insert: (store: Store['repos']) => Promise<void>;
  if (input.table === 'positive-list') {
    const { entries, errors } = parsePositiveListCsv(input.csv);
    if (errors.length > 0) throw referenceError(errors);
    const list = entries.map((e) => ({
      id: newId('cebref', now.getTime()),
      hs_code: e.hsCode,
      name: e.name,
      note: e.remark ?? '',
      ...base,
    }));
    rows = list;
    insert = (repos) => repos.ceb.insertPositiveList(list);
  } else {
    const { rates, errors } = parseTaxRateCsv(input.csv);
    if (errors.length > 0) throw referenceError(errors);
    const list = [...rates.byHsCode.values()].map((r) => ({
      id: newId('cebref', now.getTime()),
      hs_code: r.hsCode,
      name: r.name,
      vat_rate: r.vatRate,
      consumption_rate: r.consumptionTaxRate,
      tariff_rate: r.tariffRate,
      ...base,
    }));
    rows = list;
    insert = (repos) => repos.ceb.insertTaxRates(list);
  }
  await deps.store.transaction(async (repos) => {
    await insert(repos);
    await repos.audit.record({
      at: now,
      actor,
      action: `ceb.reference.${input.table}.loaded`,
      targetType: 'ceb_reference',
      targetId: input.table,
      details: { rows: rows.length, effectiveFrom: input.effectiveFrom },
    });
    await recordEvidence({ evidence: repos.evidence, vault: deps.vault }, [
      {
        kind: 'list.entry.added',
        subject: { type: 'ceb_reference', id: input.table },
        actor,
        at: now,
        partyIds: [],
        document: {
          table: input.table,
          effectiveFrom: input.effectiveFrom,
          hsCodes: rows.map((r) => r.hs_code),
        },
      },
    ]);
  });
  return { table: input.table, loaded: rows.length };
}

function referenceError(errors: readonly { line: number; zh: string; en: string }[]) {
  const first = errors[0] as { line: number; zh: string; en: string };
  return cebError(
    'CEB_REFERENCE_INVALID',
    { row: first.line, field: 'csv', zh: first.zh, en: first.en },
    { field: '/csv', errors: errors.slice(0, 100) },
  );
}

export async function findReference(
  deps: { store: Store },
  input: {
    table: ReferenceTable;
    hsCode?: string | undefined;
    page?: number | undefined;
    pageSize?: number | undefined;
  },
) {
  const pageSize = Math.min(input.pageSize ?? 50, MAX_REFERENCE_PAGE);
  const page = Math.max(1, input.page ?? 1);
  const query = { hsCode: input.hsCode, offset: (page - 1) * pageSize, limit: pageSize };
  const rows =
    input.table === 'positive-list'
      ? await deps.store.repos.ceb.findPositiveList(query)
      : await deps.store.repos.ceb.findTaxRates(query);
  return { items: rows as unknown as Record<string, unknown>[], page, pageSize };
}

/** The demo and a fresh installation start with the shipped samples when the tables are empty. */
export async function seedReferenceSamples(deps: Deps, actor: Actor, effectiveFrom: string): Promise<void> {
  const existing = await deps.store.repos.ceb.findPositiveList({ offset: 0, limit: 1 });
  if (existing.length === 0) {
    await loadReferenceCsv(deps, actor, {
      table: 'positive-list',
      csv: SAMPLE_POSITIVE_LIST_CSV,
      effectiveFrom,
    });
  }
  const rates = await deps.store.repos.ceb.findTaxRates({ offset: 0, limit: 1 });
  if (rates.length === 0) {
    await loadReferenceCsv(deps, actor, { table: 'tax-rates', csv: SAMPLE_TAX_RATES_CSV, effectiveFrom });
  }
}
