import { createHash } from 'node:crypto';

type Sql = <T>(text: string) => Promise<T[]>;

/**
 * Rewrites entry `idx`'s time by one digit and its leaf hash to match, with the bundle guard lifted,
 * as an insider holding the owner role could: the entry alone then looks sound, and only the
 * checkpoints (stored or kept outside) can tell. Returns the function that puts the bundle back.
 */
export async function rewriteEntryWithLeafHash(sql: Sql, idx: number): Promise<() => Promise<void>> {
  const [bundle] = await sql<{ f: string; leaves: Buffer; ends: number[]; hashes: Buffer }>(
    `select first_idx as f, leaves, leaf_ends as ends, leaf_hashes as hashes from evidence_bundles
      where first_idx <= ${idx} and first_idx + entry_count > ${idx}`,
  );
  if (!bundle) throw new Error(`no bundle holds entry ${idx}`);
  const original = { leaves: Buffer.from(bundle.leaves), hashes: Buffer.from(bundle.hashes) };
  const leaves = Buffer.from(original.leaves);
  const hashes = Buffer.from(original.hashes);
  const at = idx - Number(bundle.f);
  const start = at === 0 ? 0 : bundle.ends[at - 1]!;
  const leaf = leaves.subarray(start, bundle.ends[at]!);
  const digit = leaf.indexOf('"time":"') + '"time":"2'.length;
  leaf[digit] = leaf[digit] === 0x30 ? 0x31 : 0x30;
  createHash('sha256')
    .update(Buffer.from([0]))
    .update(leaf)
    .digest()
    .copy(hashes, 32 * at);
  const write = async (l: Buffer, h: Buffer) => {
    await sql('alter table evidence_bundles disable trigger evidence_bundles_guard');
    await sql(
      `update evidence_bundles set leaves = '\\x${l.toString('hex')}'::bytea,
        leaf_hashes = '\\x${h.toString('hex')}'::bytea where first_idx = ${bundle.f}`,
    );
    await sql('alter table evidence_bundles enable trigger evidence_bundles_guard');
  };
  await write(leaves, hashes);
  return () => write(original.leaves, original.hashes);
}
