import type { Store } from '../../db/store';

export const PUBLIC_PAGE_SIZE_MAX = 200;

export interface RecognisedOperator {
  readonly id: string;
  readonly name: string;
  readonly usci: string | null;
  readonly customsCode: string | null;
  readonly districtCode: string | null;
  readonly recognisedSince: string;
}

/**
 * The public list of recognised market-procurement trade operators (认定的市场采购贸易经营者).
 * Organisations only: their names and codes are public business information.
 */
export async function findRecognisedOperators(
  deps: { store: Store },
  input: { name?: string | undefined; page?: number | undefined; pageSize?: number | undefined },
) {
  const page = input.page ?? 1;
  const pageSize = Math.min(PUBLIC_PAGE_SIZE_MAX, input.pageSize ?? 50);
  const { rows, total } = await deps.store.repos.dashboard.findRecognisedOperators({
    name: input.name?.trim() || undefined,
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  const items: RecognisedOperator[] = rows.map((r) => ({
    id: r.id,
    name: r.name ?? '',
    usci: r.usci,
    customsCode: r.customs_code,
    districtCode: r.district_code,
    recognisedSince: r.updated_at.toISOString(),
  }));
  return { items, page, pageSize, total };
}
