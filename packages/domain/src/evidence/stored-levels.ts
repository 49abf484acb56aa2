/**
 * Which Merkle nodes the server stores, and how the others are recomputed.
 *
 * Storing every complete subtree costs about one node row per entry. Like C2SP tlog-tiles, the
 * server instead keeps only the levels that are multiples of STORED_LEVEL_STEP (the leaf hashes,
 * level 0, live with the entries): about 1/15 of a node row per entry. Any other complete subtree
 * (level l, index i) is the root of a perfect subtree of height l mod STORED_LEVEL_STEP over a
 * contiguous run of stored nodes at the base level b = l − (l mod STORED_LEVEL_STEP), so it costs at
 * most 2^(STORED_LEVEL_STEP − 1) stored hashes and as many SHA-256 computations. An inclusion proof
 * at 1M entries reads about 75 hashes in five range scans.
 */
import { hashChildren, type NodeAddress } from './merkle';

/** Levels 0, 4, 8, … are stored; the three levels above each are recomputed. */
export const STORED_LEVEL_STEP = 4;

export function isStoredLevel(level: number): boolean {
  return level % STORED_LEVEL_STEP === 0;
}

/** A run of stored nodes at one level: indexes [start, end). */
export type StoredRange = { level: number; start: number; end: number };

/** The stored level a node is recomputed from, and the run of stored nodes it covers there. */
export function baseRangeOf(address: NodeAddress): StoredRange {
  const height = address.level % STORED_LEVEL_STEP;
  const width = 2 ** height;
  return { level: address.level - height, start: address.index * width, end: (address.index + 1) * width };
}

/** Runs this close together are read as one (a few extra hashes are cheaper than another scan). */
const MERGE_GAP = 2 ** STORED_LEVEL_STEP;

/**
 * The runs of stored nodes to read for `addresses`, merged per level (overlapping, adjacent or
 * nearly adjacent runs become one), so a proof or a root is about one range scan per stored level.
 */
export function storedRangesFor(addresses: readonly NodeAddress[]): StoredRange[] {
  const byLevel = new Map<number, StoredRange[]>();
  for (const address of addresses) {
    const range = baseRangeOf(address);
    const list = byLevel.get(range.level) ?? [];
    list.push(range);
    byLevel.set(range.level, list);
  }
  const merged: StoredRange[] = [];
  for (const [level, ranges] of [...byLevel].sort((a, b) => a[0] - b[0])) {
    ranges.sort((a, b) => a.start - b.start);
    let current: StoredRange | undefined;
    for (const range of ranges) {
      if (current && range.start <= current.end + MERGE_GAP) {
        current.end = Math.max(current.end, range.end);
      } else {
        current = { level, start: range.start, end: range.end };
        merged.push(current);
      }
    }
  }
  return merged;
}

/**
 * The hash of each wanted node, computed from the stored hashes (`stored` keyed `level:index`).
 * Returns a map keyed `level:index`; a node whose base hashes are not all stored is left out.
 */
export function nodesFromStored(
  addresses: readonly NodeAddress[],
  stored: ReadonlyMap<string, Uint8Array>,
): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const address of addresses) {
    const key = `${address.level}:${address.index}`;
    if (out.has(key)) continue;
    const range = baseRangeOf(address);
    let row: Uint8Array[] = [];
    for (let i = range.start; i < range.end; i += 1) {
      const hash = stored.get(`${range.level}:${i}`);
      if (!hash) break;
      row.push(hash);
    }
    if (row.length !== range.end - range.start) continue;
    while (row.length > 1) {
      const up: Uint8Array[] = [];
      for (let i = 0; i < row.length; i += 2) up.push(hashChildren(row[i]!, row[i + 1]!));
      row = up;
    }
    out.set(key, Buffer.from(row[0]!));
  }
  return out;
}
