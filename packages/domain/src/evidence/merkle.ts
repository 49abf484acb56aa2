/**
 * RFC 9162 (Certificate Transparency 2.0) Merkle tree over the evidence log, SHA-256.
 *
 *   leaf hash  = SHA-256(0x00 || entry bytes)
 *   node hash  = SHA-256(0x01 || left || right)
 *   MTH({})    = SHA-256("")
 *   MTH(D[n])  = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two < n
 *
 * Addressing: every COMPLETE subtree is addressed (level, index): the
 * node covering leaves [index * 2^level, (index + 1) * 2^level). Level 0 is the leaf hash. Every
 * range that appears in the RFC's recursion is a run of such nodes, so proofs and roots come from
 * O(log n) subtree hashes without a scan: the plan functions say which nodes are needed, the
 * combiners turn them into hashes. Which of them the server stores: stored-levels.ts.
 *
 * Sizes and indexes are JavaScript numbers: safe integers only, and only arithmetic (no 32-bit
 * bitwise operators), so trees beyond 2^31 leaves are handled.
 */
import { createHash, hash } from 'node:crypto';
import { EvidenceError } from './errors';

export const HASH_SIZE_BYTES = 32;

/** Address of a complete subtree: leaves [index * 2^level, (index + 1) * 2^level). */
export type NodeAddress = { level: number; index: number };
/** A half-open range of leaf positions [start, end). */
export type LeafRange = { start: number; end: number };
/** Returns the stored hash of a complete subtree; throws if it is not stored. */
export type NodeHashGetter = (address: NodeAddress) => Uint8Array;
/** A complete subtree and its hash, as the server stores it. */
export type MerkleNode = { level: number; index: number; hash: Buffer };

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

function sha256(...parts: readonly Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** SHA-256 of the empty string: the root of the empty tree. Treat as read-only. */
export const EMPTY_ROOT: Buffer = sha256();

export function hashLeaf(entry: Uint8Array): Buffer {
  return sha256(LEAF_PREFIX, entry);
}

/** 0x01 || left || right for two 32-byte hashes, reused: one-shot hash() is ~2x createHash(). */
const NODE_INPUT = Buffer.alloc(1 + 2 * HASH_SIZE_BYTES, NODE_PREFIX[0]);

export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE_BYTES || right.length !== HASH_SIZE_BYTES) {
    return sha256(NODE_PREFIX, left, right);
  }
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 1 + HASH_SIZE_BYTES);
  return hash('sha256', NODE_INPUT, 'buffer');
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function half(value: number): number {
  return Math.floor(value / 2);
}

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

/** The k of RFC 9162: the largest power of two strictly less than n (n >= 2). */
export function largestPowerOfTwoLessThan(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) {
    throw new RangeError(`largestPowerOfTwoLessThan needs a safe integer >= 2, got ${n}`);
  }
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** True when [start, end) is a range the RFC recursion produces: start aligned to the smallest power of two >= its length. */
function isRfcRange(start: number, end: number): boolean {
  if (!isCount(start) || !isCount(end) || end <= start) return false;
  let p = 1;
  while (p < end - start) p *= 2;
  return start % p === 0;
}

/**
 * The maximal complete aligned subtrees making up [start, end), left to right (decreasing size).
 * Only ranges that occur in the RFC's recursion (start aligned to the smallest power of two covering
 * the length, e.g. any [0, n) or the right part [k, n) of a split) are accepted.
 */
export function subtreeNodeAddresses(start: number, end: number): NodeAddress[] {
  if (!isRfcRange(start, end)) {
    throw new RangeError(`[${start}, ${end}) is not a range of the RFC 9162 recursion`);
  }
  let level = 0;
  while (2 ** (level + 1) <= end - start) level += 1;
  const nodes: NodeAddress[] = [];
  let position = start;
  for (; level >= 0; level -= 1) {
    const width = 2 ** level;
    if (end - position >= width) {
      nodes.push({ level, index: position / width });
      position += width;
    }
  }
  return nodes;
}

function checkLeafIndex(leafIndex: number, treeSize: number): void {
  if (!isCount(treeSize) || !isCount(leafIndex) || leafIndex >= treeSize) {
    throw new EvidenceError(
      'PROOF_OUT_OF_RANGE',
      `leaf index ${leafIndex} is not in a tree of size ${treeSize}`,
    );
  }
}

function checkSizes(oldSize: number, newSize: number): void {
  if (!isCount(oldSize) || !isCount(newSize) || oldSize > newSize) {
    throw new EvidenceError(
      'PROOF_OUT_OF_RANGE',
      `no consistency proof from size ${oldSize} to size ${newSize}`,
    );
  }
}

/** The ranges whose MTH form PATH(m, D[n]) (RFC 9162 §2.1.3.1), in proof order: bottom to top. */
export function inclusionProofPlan(leafIndex: number, treeSize: number): LeafRange[] {
  checkLeafIndex(leafIndex, treeSize);
  const topDown: LeafRange[] = [];
  let lo = 0;
  let hi = treeSize;
  while (hi - lo > 1) {
    const split = lo + largestPowerOfTwoLessThan(hi - lo);
    if (leafIndex < split) {
      topDown.push({ start: split, end: hi });
      hi = split;
    } else {
      topDown.push({ start: lo, end: split });
      lo = split;
    }
  }
  return topDown.reverse();
}

/**
 * The ranges whose MTH form PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (RFC 9162 §2.1.4.1), in proof
 * order. Empty when oldSize is 0 or equals newSize (nothing to prove).
 */
export function consistencyProofPlan(oldSize: number, newSize: number): LeafRange[] {
  checkSizes(oldSize, newSize);
  if (oldSize === 0 || oldSize === newSize) return [];
  const topDown: LeafRange[] = [];
  let lo = 0;
  let hi = newSize;
  let startedComplete = true; // the b of SUBPROOF
  while (oldSize !== hi) {
    const split = lo + largestPowerOfTwoLessThan(hi - lo);
    if (oldSize <= split) {
      topDown.push({ start: split, end: hi });
      hi = split;
    } else {
      topDown.push({ start: lo, end: split });
      lo = split;
      startedComplete = false;
    }
  }
  const proof = topDown.reverse();
  // SUBPROOF(m, D[m], false) = {MTH(D[m])}: the old tree's own subtree leads the proof.
  if (!startedComplete) proof.unshift({ start: lo, end: hi });
  return proof;
}

function dedupe(addresses: readonly NodeAddress[]): NodeAddress[] {
  const seen = new Set<string>();
  return addresses.filter((address) => {
    const key = nodeKey(address);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function nodesNeededForInclusion(leafIndex: number, treeSize: number): NodeAddress[] {
  return dedupe(inclusionProofPlan(leafIndex, treeSize).flatMap((r) => subtreeNodeAddresses(r.start, r.end)));
}

export function nodesNeededForConsistency(oldSize: number, newSize: number): NodeAddress[] {
  return dedupe(consistencyProofPlan(oldSize, newSize).flatMap((r) => subtreeNodeAddresses(r.start, r.end)));
}

export function nodesNeededForRoot(treeSize: number): NodeAddress[] {
  if (!isCount(treeSize)) throw new EvidenceError('PROOF_OUT_OF_RANGE', `bad tree size ${treeSize}`);
  return treeSize === 0 ? [] : subtreeNodeAddresses(0, treeSize);
}

/** Map key for a node address: `${level}:${index}`. */
export function nodeKey(address: NodeAddress): string {
  return `${address.level}:${address.index}`;
}

/** A NodeHashGetter over hashes fetched in one query, keyed by nodeKey. Throws on a missing node. */
export function nodeGetterFromMap(hashes: ReadonlyMap<string, Uint8Array>): NodeHashGetter {
  return (address) => {
    const hash = hashes.get(nodeKey(address));
    if (hash === undefined) throw new Error(`Merkle node ${nodeKey(address)} is not available`);
    return hash;
  };
}

function fetchNode(getNode: NodeHashGetter, address: NodeAddress): Buffer {
  const hash = getNode(address);
  if (hash.length !== HASH_SIZE_BYTES) {
    throw new Error(`Merkle node ${nodeKey(address)} has ${hash.length} bytes, expected ${HASH_SIZE_BYTES}`);
  }
  return Buffer.from(hash);
}

/**
 * Folds the hashes of the complete subtrees of an RFC range, listed left to right (decreasing size),
 * into the MTH of the range: H(s1, H(s2, H(..., H(s(m-1), sm)))). No hashes: the empty-tree root.
 */
export function combineSubtreeHashes(hashes: readonly Buffer[]): Buffer {
  let acc = hashes.at(-1);
  if (acc === undefined) return Buffer.from(EMPTY_ROOT);
  for (let i = hashes.length - 2; i >= 0; i -= 1) acc = hashChildren(hashes[i]!, acc);
  return acc;
}

/**
 * MTH(D[start:end]) from stored complete subtrees. A range whose length is not a power of two
 * splits at the largest power of two below its length: the left part is the first (largest)
 * subtree, the right part recurses, so the subtrees fold from the right:
 * H(s1, H(s2, H(..., H(s(m-1), sm)))).
 */
export function rangeHash(start: number, end: number, getNode: NodeHashGetter): Buffer {
  if (start === 0 && end === 0) return Buffer.from(EMPTY_ROOT);
  return combineSubtreeHashes(subtreeNodeAddresses(start, end).map((address) => fetchNode(getNode, address)));
}

export function rootHash(treeSize: number, getNode: NodeHashGetter): Buffer {
  return combineSubtreeHashes(nodesNeededForRoot(treeSize).map((address) => fetchNode(getNode, address)));
}

export function inclusionProof(leafIndex: number, treeSize: number, getNode: NodeHashGetter): Buffer[] {
  return inclusionProofPlan(leafIndex, treeSize).map((r) => rangeHash(r.start, r.end, getNode));
}

export function consistencyProof(oldSize: number, newSize: number, getNode: NodeHashGetter): Buffer[] {
  return consistencyProofPlan(oldSize, newSize).map((r) => rangeHash(r.start, r.end, getNode));
}

function allHashSized(hashes: readonly Uint8Array[]): boolean {
  return hashes.every((h) => h.length === HASH_SIZE_BYTES);
}

export type InclusionPath = {
  leafHash: Uint8Array;
  leafIndex: number;
  treeSize: number;
  proof: readonly Uint8Array[];
};

export type InclusionCheck = InclusionPath & { rootHash: Uint8Array };

/**
 * The root an inclusion proof leads to (RFC 9162 §2.1.3.2 steps 1-4), or undefined when the proof
 * cannot be a proof for that index and size (wrong length, bad sizes or hash lengths).
 */
export function rootFromInclusionProof(input: InclusionPath): Buffer | undefined {
  const { leafHash, leafIndex, treeSize, proof } = input;
  if (!isCount(leafIndex) || !isCount(treeSize) || leafIndex >= treeSize) return undefined;
  if (!allHashSized([leafHash, ...proof])) return undefined;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : undefined;
}

/** RFC 9162 §2.1.3.2. Never throws: any malformed input is simply not a proof. */
export function verifyInclusion(input: InclusionCheck): boolean {
  const root = rootFromInclusionProof(input);
  return root !== undefined && input.rootHash.length === HASH_SIZE_BYTES && bytesEqual(root, input.rootHash);
}

export type ConsistencyCheck = {
  oldSize: number;
  newSize: number;
  oldRoot: Uint8Array;
  newRoot: Uint8Array;
  proof: readonly Uint8Array[];
};

/**
 * RFC 9162 §2.1.4.2 for 0 < oldSize < newSize. Equal sizes need an empty proof and equal roots;
 * oldSize 0 needs an empty proof and the empty-tree root as oldRoot. Never throws.
 */
export function verifyConsistency(input: ConsistencyCheck): boolean {
  const { oldSize, newSize, oldRoot, newRoot, proof } = input;
  if (!isCount(oldSize) || !isCount(newSize) || oldSize > newSize) return false;
  if (!allHashSized([oldRoot, newRoot, ...proof])) return false;
  if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0 && bytesEqual(oldRoot, EMPTY_ROOT);
  if (proof.length === 0) return false;

  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}

/** Brute-force MTH straight from the RFC's recursive definition, over entry bytes. For tests. */
export function mthOfLeaves(entries: readonly Uint8Array[]): Buffer {
  const mth = (lo: number, hi: number): Buffer => {
    if (hi - lo === 0) return Buffer.from(EMPTY_ROOT);
    if (hi - lo === 1) return hashLeaf(entries[lo]!);
    const split = lo + largestPowerOfTwoLessThan(hi - lo);
    return hashChildren(mth(lo, split), mth(split, hi));
  };
  return mth(0, entries.length);
}
