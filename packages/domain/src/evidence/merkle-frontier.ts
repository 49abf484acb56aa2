import {
  combineSubtreeHashes,
  HASH_SIZE_BYTES,
  hashChildren,
  type MerkleNode,
  type NodeHashGetter,
  nodesNeededForRoot,
} from './merkle';

/**
 * The right edge of the tree: the complete subtrees of the binary decomposition of its size, left
 * to right. Appending a leaf merges equal-sized subtrees (O(log n) hashes, amortised O(1)) and
 * reports every subtree it completed so the server can store it.
 */
export class MerkleFrontier {
  #size: number;
  readonly #nodes: MerkleNode[];

  private constructor(size: number, nodes: MerkleNode[]) {
    this.#size = size;
    this.#nodes = nodes;
  }

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /** From the hashes of nodesNeededForRoot(size), in that order. */
  static fromHashes(size: number, hashes: readonly Uint8Array[]): MerkleFrontier {
    const addresses = nodesNeededForRoot(size);
    if (hashes.length !== addresses.length || !hashes.every((hash) => hash.length === HASH_SIZE_BYTES)) {
      throw new Error(
        `a frontier of size ${size} needs ${addresses.length} hashes of ${HASH_SIZE_BYTES} bytes`,
      );
    }
    return new MerkleFrontier(
      size,
      addresses.map((address, i) => ({ ...address, hash: Buffer.from(hashes[i]!) })),
    );
  }

  static fromStore(size: number, getNode: NodeHashGetter): MerkleFrontier {
    return MerkleFrontier.fromHashes(
      size,
      nodesNeededForRoot(size).map((address) => getNode(address)),
    );
  }

  get size(): number {
    return this.#size;
  }

  /** The frontier's subtrees, left to right (copies). */
  get nodes(): MerkleNode[] {
    return this.#nodes.map((node) => ({ ...node, hash: Buffer.from(node.hash) }));
  }

  /** Appends a leaf hash; returns the nodes it completed, the leaf itself (level 0) first. */
  append(leafHash: Uint8Array): MerkleNode[] {
    if (leafHash.length !== HASH_SIZE_BYTES) throw new Error(`a leaf hash has ${HASH_SIZE_BYTES} bytes`);
    if (!Number.isSafeInteger(this.#size + 1)) throw new Error('the tree is full');
    let node: MerkleNode = { level: 0, index: this.#size, hash: Buffer.from(leafHash) };
    const completed = [node];
    let last = this.#nodes.at(-1);
    while (last !== undefined && last.level === node.level) {
      this.#nodes.pop();
      node = { level: node.level + 1, index: last.index / 2, hash: hashChildren(last.hash, node.hash) };
      completed.push(node);
      last = this.#nodes.at(-1);
    }
    this.#nodes.push(node);
    this.#size += 1;
    return completed.map((n) => ({ ...n, hash: Buffer.from(n.hash) }));
  }

  /**
   * Appends many leaf hashes at once; returns the completed subtrees above level 0 whose level
   * `keep` accepts (the server passes isStoredLevel). Same tree as calling append for each leaf,
   * without copying every completed node.
   */
  appendAll(leafHashes: readonly Uint8Array[], keep: (level: number) => boolean): MerkleNode[] {
    const kept: MerkleNode[] = [];
    for (const leafHash of leafHashes) {
      if (leafHash.length !== HASH_SIZE_BYTES) throw new Error(`a leaf hash has ${HASH_SIZE_BYTES} bytes`);
      if (!Number.isSafeInteger(this.#size + 1)) throw new Error('the tree is full');
      let level = 0;
      let index = this.#size;
      let hash: Buffer = Buffer.from(leafHash);
      let last = this.#nodes.at(-1);
      while (last !== undefined && last.level === level) {
        this.#nodes.pop();
        level += 1;
        index = last.index / 2;
        hash = hashChildren(last.hash, hash);
        if (keep(level)) kept.push({ level, index, hash });
        last = this.#nodes.at(-1);
      }
      this.#nodes.push({ level, index, hash });
      this.#size += 1;
    }
    return kept;
  }

  root(): Buffer {
    return combineSubtreeHashes(this.#nodes.map((node) => node.hash));
  }
}
