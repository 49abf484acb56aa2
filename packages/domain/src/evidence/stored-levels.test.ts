import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hashLeaf,
  inclusionProof,
  mthOfLeaves,
  nodeGetterFromMap,
  nodesNeededForConsistency,
  nodesNeededForInclusion,
  nodesNeededForRoot,
  rootHash,
  verifyInclusion,
} from './merkle';
import { MerkleFrontier } from './merkle-frontier';
import { isStoredLevel, nodesFromStored, STORED_LEVEL_STEP, storedRangesFor } from './stored-levels';

/** What the server keeps for `leaves`: leaf hashes (level 0) and the stored levels' nodes. */
function storedFor(leaves: readonly Buffer[]) {
  const stored = new Map<string, Buffer>();
  const frontier = MerkleFrontier.empty();
  for (const [i, leaf] of leaves.entries()) stored.set(`0:${i}`, hashLeaf(leaf));
  for (const node of frontier.appendAll(
    leaves.map((leaf) => hashLeaf(leaf)),
    isStoredLevel,
  )) {
    stored.set(`${node.level}:${node.index}`, node.hash);
  }
  return { stored, frontier };
}

/** Reads what storedRangesFor asks for, as the repository does. */
function read(stored: Map<string, Buffer>, addresses: { level: number; index: number }[]) {
  const fetched = new Map<string, Buffer>();
  for (const range of storedRangesFor(addresses)) {
    for (let i = range.start; i < range.end; i += 1) {
      const hash = stored.get(`${range.level}:${i}`);
      if (hash) fetched.set(`${range.level}:${i}`, hash);
    }
  }
  return nodesFromStored(addresses, fetched);
}

describe('stored levels', () => {
  const leaves = Array.from({ length: 1500 }, (_, i) => Buffer.from(`entry ${i}`));
  const { stored, frontier } = storedFor(leaves);

  it('keeps only levels that are multiples of the step', () => {
    const levels = new Set([...stored.keys()].map((k) => Number(k.split(':')[0])));
    expect([...levels].sort((a, b) => a - b)).toEqual([0, 4, 8]);
    expect(STORED_LEVEL_STEP).toBe(4);
    expect(stored.size).toBe(1500 + Math.floor(1500 / 16) + Math.floor(1500 / 256));
  });

  it('appendAll builds the same tree as append', () => {
    const one = MerkleFrontier.empty();
    for (const leaf of leaves) one.append(hashLeaf(leaf));
    expect(frontier.root().equals(one.root())).toBe(true);
    expect(frontier.root().equals(mthOfLeaves(leaves))).toBe(true);
  });

  it('recomputes every root, inclusion proof and consistency proof from the stored levels', () => {
    for (const size of [1, 2, 3, 15, 16, 17, 255, 256, 257, 1000, 1500]) {
      const roots = read(stored, nodesNeededForRoot(size));
      expect(rootHash(size, nodeGetterFromMap(roots)).equals(mthOfLeaves(leaves.slice(0, size)))).toBe(true);
      for (const index of [0, size - 1, Math.floor(size / 3)]) {
        const nodes = read(stored, nodesNeededForInclusion(index, size));
        const proof = inclusionProof(index, size, nodeGetterFromMap(nodes));
        const root = mthOfLeaves(leaves.slice(0, size));
        expect(
          verifyInclusion({
            leafIndex: index,
            treeSize: size,
            leafHash: hashLeaf(leaves[index]!),
            proof,
            rootHash: root,
          }),
        ).toBe(true);
      }
      for (const oldSize of [1, Math.ceil(size / 2), size]) {
        const addresses = nodesNeededForConsistency(oldSize, size);
        expect(read(stored, addresses).size).toBe(
          new Set(addresses.map((a) => `${a.level}:${a.index}`)).size,
        );
      }
    }
  });

  it('merges nearby runs so a proof reads about one run per stored level', () => {
    const ranges = storedRangesFor(nodesNeededForInclusion(1234, 4096));
    expect(ranges.map((r) => r.level)).toEqual([0, 4, 8]);
  });

  it('leaves out a node whose stored hashes are incomplete, so the getter reports it missing', () => {
    const partial = new Map(stored);
    partial.delete('0:5');
    const nodes = read(partial, [{ level: 3, index: 0 }]);
    expect(nodes.has('3:0')).toBe(false);
    expect(() => nodeGetterFromMap(nodes)({ level: 3, index: 0 })).toThrow(/not available/);
  });

  it('a changed stored hash changes the recomputed node', () => {
    const tampered = new Map(stored);
    tampered.set('4:1', randomBytes(32));
    const good = read(stored, [{ level: 6, index: 0 }]).get('6:0')!;
    const bad = read(tampered, [{ level: 6, index: 0 }]).get('6:0')!;
    expect(bad.equals(good)).toBe(false);
  });
});
