import { describe, expect, it } from 'vitest';
import { EvidenceError } from './errors';
import {
  consistencyProof,
  consistencyProofPlan,
  EMPTY_ROOT,
  hashChildren,
  hashLeaf,
  inclusionProof,
  inclusionProofPlan,
  largestPowerOfTwoLessThan,
  type MerkleNode,
  mthOfLeaves,
  type NodeAddress,
  type NodeHashGetter,
  nodeGetterFromMap,
  nodeKey,
  nodesNeededForConsistency,
  nodesNeededForInclusion,
  nodesNeededForRoot,
  rangeHash,
  rootHash,
  subtreeNodeAddresses,
  verifyConsistency,
  verifyInclusion,
} from './merkle';
import { MerkleFrontier } from './merkle-frontier';

const h = (hex: string) => Buffer.from(hex, 'hex');
const hexes = (buffers: readonly Uint8Array[]) => buffers.map((b) => Buffer.from(b).toString('hex'));

// RFC 6962 reference vectors (certificate-transparency C++ merkle_tree_test.cc, as carried by
// transparency-dev/merkle proof/verify_test.go).
const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(h);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
// { leaf index (0-based), tree size, proof }
const INCLUSION_VECTORS: Array<[number, number, string[]]> = [
  [0, 1, []],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];
const CONSISTENCY_VECTORS: Array<[number, number, string[]]> = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];
const SOME_HASH = h('abacaba000000000000000000000000000000000000000000060061e00123456');

/** A store filled only through MerkleFrontier.append, refusing nodes not complete in `treeSize`. */
function buildStore(entries: readonly Uint8Array[]) {
  const nodes = new Map<string, Buffer>();
  const frontier = MerkleFrontier.empty();
  const completedPerAppend: MerkleNode[][] = [];
  for (const entry of entries) {
    const completed = frontier.append(hashLeaf(entry));
    completedPerAppend.push(completed);
    for (const node of completed) nodes.set(nodeKey(node), node.hash);
  }
  const getterFor =
    (treeSize: number, allowed?: readonly NodeAddress[]): NodeHashGetter =>
    (address) => {
      if ((address.index + 1) * 2 ** address.level > treeSize) {
        throw new Error(`node ${nodeKey(address)} is not complete in a tree of size ${treeSize}`);
      }
      if (allowed !== undefined && !allowed.some((a) => nodeKey(a) === nodeKey(address))) {
        throw new Error(`node ${nodeKey(address)} was not in the planned fetch`);
      }
      return nodeGetterFromMap(nodes)(address);
    };
  return { frontier, nodes, getterFor, completedPerAppend };
}

/** Straight RFC 9162 recursion over leaf hashes, memoised per range. */
function bruteForce(leafHashes: readonly Buffer[]) {
  const memo = new Map<string, Buffer>();
  const mth = (lo: number, hi: number): Buffer => {
    if (hi - lo === 1) return leafHashes[lo]!;
    const key = `${lo}:${hi}`;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    const k = lo + largestPowerOfTwoLessThan(hi - lo);
    const value = hashChildren(mth(lo, k), mth(k, hi));
    memo.set(key, value);
    return value;
  };
  const path = (m: number, lo: number, hi: number): Buffer[] => {
    if (hi - lo === 1) return [];
    const k = lo + largestPowerOfTwoLessThan(hi - lo);
    return m < k ? [...path(m, lo, k), mth(k, hi)] : [...path(m, k, hi), mth(lo, k)];
  };
  const subproof = (m: number, lo: number, hi: number, complete: boolean): Buffer[] => {
    if (m === hi) return complete ? [] : [mth(lo, hi)];
    const k = lo + largestPowerOfTwoLessThan(hi - lo);
    return m <= k
      ? [...subproof(m, lo, k, complete), mth(k, hi)]
      : [...subproof(m, k, hi, false), mth(lo, k)];
  };
  return {
    root: (n: number) => mth(0, n),
    path: (m: number, n: number) => path(m, 0, n),
    proof: (m: number, n: number) => subproof(m, 0, n, true),
  };
}

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

function flipByte(proof: readonly Buffer[], i: number, mask = 0x08): Buffer[] {
  return proof.map((p, j) => (j === i ? Buffer.from(p.map((b, k) => (k === 0 ? b ^ mask : b))) : p));
}

describe('hashing', () => {
  it('prefixes leaves with 0x00 and nodes with 0x01 (RFC 6962 empty leaf, empty tree)', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(hashLeaf(new Uint8Array()).toString('hex')).toBe(ROOTS[0]);
    expect(mthOfLeaves([])).toEqual(EMPTY_ROOT);
  });

  it('largestPowerOfTwoLessThan is strict and works beyond 32 bits', () => {
    expect([2, 3, 4, 5, 8, 9].map(largestPowerOfTwoLessThan)).toEqual([1, 2, 2, 4, 4, 8]);
    expect(largestPowerOfTwoLessThan(2 ** 40)).toBe(2 ** 39);
    expect(largestPowerOfTwoLessThan(2 ** 40 + 1)).toBe(2 ** 40);
    expect(() => largestPowerOfTwoLessThan(1)).toThrow(RangeError);
  });
});

describe('RFC 6962 reference vectors', () => {
  const store = buildStore(LEAVES);

  it('brute-force MTH and the store give the published roots for sizes 1..8', () => {
    for (let n = 1; n <= 8; n += 1) {
      expect(mthOfLeaves(LEAVES.slice(0, n)).toString('hex')).toBe(ROOTS[n - 1]);
      expect(rootHash(n, store.getterFor(n)).toString('hex')).toBe(ROOTS[n - 1]);
    }
  });

  it('the frontier root follows every append', () => {
    const frontier = MerkleFrontier.empty();
    expect(frontier.root()).toEqual(EMPTY_ROOT);
    LEAVES.forEach((leaf, i) => {
      frontier.append(hashLeaf(leaf));
      expect(frontier.root().toString('hex')).toBe(ROOTS[i]);
    });
  });

  it.each(INCLUSION_VECTORS)(
    'inclusion proof of leaf %i in size %i matches and verifies',
    (index, size, want) => {
      const proof = inclusionProof(index, size, store.getterFor(size));
      expect(hexes(proof)).toEqual(want);
      const leafHash = hashLeaf(LEAVES[index]!);
      const root = h(ROOTS[size - 1]!);
      expect(verifyInclusion({ leafHash, leafIndex: index, treeSize: size, proof, rootHash: root })).toBe(
        true,
      );
    },
  );

  it.each(INCLUSION_VECTORS.filter(([, , p]) => p.length > 0))(
    'corrupted inclusion proofs of leaf %i in size %i fail',
    (index, size, want) => {
      const proof = want.map(h);
      const leafHash = hashLeaf(LEAVES[index]!);
      const root = h(ROOTS[size - 1]!);
      const probes = [
        { leafIndex: index - 1, treeSize: size, leafHash, rootHash: root, proof },
        { leafIndex: index + 1, treeSize: size, leafHash, rootHash: root, proof },
        { leafIndex: index ^ 2, treeSize: size, leafHash, rootHash: root, proof },
        { leafIndex: index, treeSize: size * 2, leafHash, rootHash: root, proof },
        { leafIndex: index, treeSize: Math.floor(size / 2), leafHash, rootHash: root, proof },
        { leafIndex: index, treeSize: size, leafHash: Buffer.from('WrongLeaf'), rootHash: root, proof },
        { leafIndex: index, treeSize: size, leafHash, rootHash: EMPTY_ROOT, proof },
        { leafIndex: index, treeSize: size, leafHash, rootHash: SOME_HASH, proof },
        { leafIndex: index, treeSize: size, leafHash, rootHash: root, proof: [...proof, Buffer.alloc(0)] },
        { leafIndex: index, treeSize: size, leafHash, rootHash: root, proof: [...proof, root] },
        { leafIndex: index, treeSize: size, leafHash, rootHash: root, proof: [root, ...proof] },
        { leafIndex: index, treeSize: size, leafHash, rootHash: root, proof: proof.slice(0, -1) },
        {
          leafIndex: index,
          treeSize: size,
          leafHash,
          rootHash: root,
          proof: [proof[0]!, SOME_HASH, ...proof.slice(1)],
        },
        ...proof.map((_, i) => ({
          leafIndex: index,
          treeSize: size,
          leafHash,
          rootHash: root,
          proof: flipByte(proof, i),
        })),
      ];
      for (const probe of probes) expect(verifyInclusion(probe)).toBe(false);
    },
  );

  it.each(CONSISTENCY_VECTORS)(
    'consistency proof %i -> %i matches and verifies',
    (oldSize, newSize, want) => {
      const proof = consistencyProof(oldSize, newSize, store.getterFor(newSize));
      expect(hexes(proof)).toEqual(want);
      const oldRoot = h(ROOTS[oldSize - 1]!);
      const newRoot = h(ROOTS[newSize - 1]!);
      expect(verifyConsistency({ oldSize, newSize, oldRoot, newRoot, proof })).toBe(true);
    },
  );

  it.each(CONSISTENCY_VECTORS.filter(([, , p]) => p.length > 0))(
    'corrupted consistency proofs %i -> %i fail',
    (oldSize, newSize, want) => {
      const proof = want.map(h);
      const oldRoot = h(ROOTS[oldSize - 1]!);
      const newRoot = h(ROOTS[newSize - 1]!);
      const base = { oldSize, newSize, oldRoot, newRoot, proof };
      const probes = [
        { ...base, oldSize: oldSize - 1 },
        { ...base, oldSize: oldSize + 1 },
        { ...base, oldSize: oldSize ^ 2 },
        { ...base, newSize: newSize * 2 },
        { ...base, newSize: Math.floor(newSize / 2) },
        { ...base, oldRoot: Buffer.from('WrongRoot') },
        { ...base, newRoot: Buffer.from('WrongRoot') },
        { ...base, oldRoot: newRoot, newRoot: oldRoot },
        { ...base, proof: [] },
        { ...base, proof: [...proof, Buffer.alloc(0)] },
        { ...base, proof: [...proof, oldRoot] },
        { ...base, proof: [...proof, newRoot] },
        { ...base, proof: [Buffer.alloc(0), ...proof] },
        { ...base, proof: [oldRoot, ...proof] },
        { ...base, proof: [newRoot, ...proof] },
        { ...base, proof: [proof[0]!, ...proof] },
        { ...base, proof: proof.slice(0, -1) },
        ...proof.map((_, i) => ({ ...base, proof: flipByte(proof, i, 0x10) })),
      ];
      for (const probe of probes) expect(verifyConsistency(probe)).toBe(false);
    },
  );

  it('handles the trivial consistency cases', () => {
    const r1 = h(ROOTS[0]!);
    const r2 = h(ROOTS[1]!);
    expect(verifyConsistency({ oldSize: 1, newSize: 1, oldRoot: r1, newRoot: r1, proof: [] })).toBe(true);
    expect(verifyConsistency({ oldSize: 1, newSize: 1, oldRoot: r1, newRoot: r2, proof: [] })).toBe(false);
    expect(verifyConsistency({ oldSize: 1, newSize: 1, oldRoot: r1, newRoot: r1, proof: [EMPTY_ROOT] })).toBe(
      false,
    );
    expect(verifyConsistency({ oldSize: 0, newSize: 1, oldRoot: EMPTY_ROOT, newRoot: r1, proof: [] })).toBe(
      true,
    );
    expect(verifyConsistency({ oldSize: 0, newSize: 1, oldRoot: r2, newRoot: r1, proof: [] })).toBe(false);
    expect(
      verifyConsistency({ oldSize: 0, newSize: 0, oldRoot: EMPTY_ROOT, newRoot: EMPTY_ROOT, proof: [] }),
    ).toBe(true);
    expect(verifyConsistency({ oldSize: 2, newSize: 1, oldRoot: r2, newRoot: r1, proof: [] })).toBe(false);
    expect(verifyConsistency({ oldSize: 1, newSize: 2, oldRoot: r1, newRoot: r2, proof: [] })).toBe(false);
    expect(consistencyProofPlan(0, 5)).toEqual([]);
    expect(consistencyProofPlan(5, 5)).toEqual([]);
  });

  it('rejects degenerate inclusion inputs', () => {
    const leaf = hashLeaf(Buffer.from('data'));
    expect(verifyInclusion({ leafHash: leaf, leafIndex: 0, treeSize: 1, proof: [], rootHash: leaf })).toBe(
      true,
    );
    for (const [leafIndex, treeSize] of [
      [0, 0],
      [1, 1],
      [2, 1],
      [-1, 4],
      [0.5, 4],
    ] as const) {
      expect(verifyInclusion({ leafHash: leaf, leafIndex, treeSize, proof: [], rootHash: leaf })).toBe(false);
    }
    expect(
      verifyInclusion({ leafHash: leaf, leafIndex: 0, treeSize: 1, proof: [], rootHash: Buffer.alloc(0) }),
    ).toBe(false);
    expect(
      verifyInclusion({ leafHash: Buffer.alloc(0), leafIndex: 0, treeSize: 1, proof: [], rootHash: leaf }),
    ).toBe(false);
  });

  it('refuses to plan proofs outside the tree', () => {
    expect(() => inclusionProofPlan(8, 8)).toThrow(EvidenceError);
    expect(() => inclusionProofPlan(-1, 8)).toThrow(EvidenceError);
    expect(() => consistencyProofPlan(9, 8)).toThrow(EvidenceError);
    expect(() => nodesNeededForRoot(1.5)).toThrow(EvidenceError);
  });
});

describe('range planning', () => {
  it('decomposes RFC ranges into maximal aligned subtrees, largest first', () => {
    expect(subtreeNodeAddresses(0, 7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(subtreeNodeAddresses(8, 13)).toEqual([
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(subtreeNodeAddresses(16, 32)).toEqual([{ level: 4, index: 1 }]);
    expect(nodesNeededForRoot(0)).toEqual([]);
    expect(() => subtreeNodeAddresses(3, 7)).toThrow(RangeError);
    expect(() => subtreeNodeAddresses(4, 4)).toThrow(RangeError);
  });

  it('combines non-power-of-two ranges by splitting at the largest power of two (a right fold)', () => {
    const leaves = Array.from({ length: 7 }, (_, i) => Buffer.from(`leaf ${i}`));
    const store = buildStore(leaves);
    const get = store.getterFor(7);
    // 7 = 4 + 2 + 1: MTH = H(s4, H(s2, s1)), not H(H(s4, s2), s1).
    const [s4, s2, s1] = subtreeNodeAddresses(0, 7).map((a) => get(a));
    expect(rangeHash(0, 7, get)).toEqual(hashChildren(s4!, hashChildren(s2!, s1!)));
    expect(rangeHash(0, 7, get)).toEqual(mthOfLeaves(leaves));
    expect(rangeHash(4, 7, get)).toEqual(mthOfLeaves(leaves.slice(4)));
    expect(rangeHash(0, 0, get)).toEqual(EMPTY_ROOT);
  });

  it('plans over sizes beyond 2^32 without 32-bit arithmetic', () => {
    const size = 2 ** 40 + 5;
    expect(nodesNeededForRoot(size)).toEqual([
      { level: 40, index: 0 },
      { level: 2, index: 2 ** 38 },
      { level: 0, index: 2 ** 40 + 4 },
    ]);
    // Identical leaves make every complete subtree of a level hash the same: a virtual huge tree.
    const levelHash = [hashLeaf(Buffer.from('x'))];
    for (let level = 1; level <= 41; level += 1)
      levelHash.push(hashChildren(levelHash[level - 1]!, levelHash[level - 1]!));
    const get: NodeHashGetter = ({ level }) => levelHash[level]!;
    const root = rootHash(size, get);
    for (const leafIndex of [0, 2 ** 31, 2 ** 32 + 7, 2 ** 40, size - 1]) {
      const plan = inclusionProofPlan(leafIndex, size);
      const covered = plan.reduce((sum, r) => sum + (r.end - r.start), 0);
      expect(covered).toBe(size - 1);
      expect(plan.every((r) => r.start > leafIndex || r.end <= leafIndex)).toBe(true);
      const proof = inclusionProof(leafIndex, size, get);
      expect(
        verifyInclusion({ leafHash: levelHash[0]!, leafIndex, treeSize: size, proof, rootHash: root }),
      ).toBe(true);
    }
    const oldSize = 2 ** 33 + 3;
    const proof = consistencyProof(oldSize, size, get);
    expect(
      verifyConsistency({ oldSize, newSize: size, oldRoot: rootHash(oldSize, get), newRoot: root, proof }),
    ).toBe(true);
  });
});

describe('store-based proofs against brute force', () => {
  const MAX = 10_000;
  const entries = Array.from({ length: MAX }, (_, i) => Buffer.from(`kouan evidence entry ${i}`));
  const store = buildStore(entries);
  const brute = bruteForce(entries.map((e) => hashLeaf(e)));
  const next = random(20_240_601);
  const sizes = new Set<number>([1, 2, 3, 5, 6, 7, 9999, MAX]);
  for (let p = 2; p <= 8192; p *= 2) for (const s of [p - 1, p, p + 1]) sizes.add(s);
  for (let i = 0; i < 12; i += 1) sizes.add(1 + next(MAX));

  it('the frontier reports every completed node, the leaf first, and its root is the MTH', () => {
    store.completedPerAppend.forEach((completed, i) => {
      expect(completed[0]).toMatchObject({ level: 0, index: i });
      let trailingOnes = 0;
      for (let s = i; s % 2 === 1; s = Math.floor(s / 2)) trailingOnes += 1;
      expect(completed.length).toBe(1 + trailingOnes);
    });
    for (const size of [1, 2, 3, 1023, 1024, 1025])
      expect(rootHash(size, store.getterFor(size))).toEqual(mthOfLeaves(entries.slice(0, size)));
    expect(store.frontier.root()).toEqual(mthOfLeaves(entries));
    expect(store.frontier.size).toBe(MAX);
    const resumed = MerkleFrontier.fromStore(1234, store.getterFor(1234));
    expect(resumed.root()).toEqual(brute.root(1234));
    const completed = resumed.append(hashLeaf(entries[1234]!));
    expect(hexes(completed.map((n) => n.hash))).toEqual(
      hexes(store.completedPerAppend[1234]!.map((n) => n.hash)),
    );
  });

  it.each([...sizes].sort((a, b) => a - b))(
    'size %i: roots and inclusion proofs equal PATH and verify; tampering fails',
    (size) => {
      const root = rootHash(size, store.getterFor(size, nodesNeededForRoot(size)));
      expect(root).toEqual(brute.root(size));
      const indices = new Set([0, size - 1, Math.floor(size / 2), next(size), next(size)]);
      for (const leafIndex of indices) {
        const proof = inclusionProof(
          leafIndex,
          size,
          store.getterFor(size, nodesNeededForInclusion(leafIndex, size)),
        );
        expect(hexes(proof)).toEqual(hexes(brute.path(leafIndex, size)));
        const leafHash = hashLeaf(entries[leafIndex]!);
        const input = { leafHash, leafIndex, treeSize: size, proof, rootHash: root };
        expect(verifyInclusion(input)).toBe(true);
        if (proof.length > 0)
          expect(verifyInclusion({ ...input, proof: flipByte(proof, next(proof.length)) })).toBe(false);
        if (size > 1) {
          expect(verifyInclusion({ ...input, leafIndex: (leafIndex + 1) % size })).toBe(false);
          expect(verifyInclusion({ ...input, leafHash: hashLeaf(entries[(leafIndex + 1) % size]!) })).toBe(
            false,
          );
        }
        expect(verifyInclusion({ ...input, treeSize: size * 2 })).toBe(false);
      }
    },
  );

  it.each([...sizes].filter((s) => s > 1).sort((a, b) => a - b))(
    'size %i: consistency proofs equal PROOF and verify; tampering fails',
    (newSize) => {
      const newRoot = brute.root(newSize);
      const olds = new Set([1, newSize - 1, next(newSize - 1) + 1, next(newSize - 1) + 1]);
      for (let p = 1; p < newSize; p *= 4) olds.add(p);
      for (const oldSize of olds) {
        const planned = nodesNeededForConsistency(oldSize, newSize);
        const proof = consistencyProof(oldSize, newSize, store.getterFor(newSize, planned));
        expect(hexes(proof)).toEqual(hexes(brute.proof(oldSize, newSize)));
        const input = { oldSize, newSize, oldRoot: brute.root(oldSize), newRoot, proof };
        expect(verifyConsistency(input)).toBe(true);
        expect(verifyConsistency({ ...input, proof: flipByte(proof, next(proof.length)) })).toBe(false);
        expect(verifyConsistency({ ...input, oldRoot: brute.root(oldSize + 1) })).toBe(false);
        if (oldSize > 1) expect(verifyConsistency({ ...input, oldSize: oldSize - 1 })).toBe(false);
      }
    },
  );
});
