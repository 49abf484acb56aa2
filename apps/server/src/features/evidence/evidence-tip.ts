import { MerkleFrontier } from '@kouan/domain/evidence';

/**
 * The right edge of the tree as this process last committed it, so the next append need not read
 * it back (one round trip and a few range scans less while the append lock is held).
 *
 * Only a frontier whose transaction committed is kept (Store.transaction runs the hook after
 * COMMIT), and it is used only when the tree has exactly that size under the append lock. Entries
 * are append-only and numbered without gaps, so a committed tree of that size is the same tree;
 * if another process appended in between, the size differs and the nodes are read as before.
 */
export class EvidenceTip {
  #size = -1;
  #hashes: readonly Uint8Array[] = [];

  /** A fresh frontier for a tree of `size` entries, or undefined when none is known. */
  frontierAt(size: number): MerkleFrontier | undefined {
    return size === this.#size ? MerkleFrontier.fromHashes(size, this.#hashes) : undefined;
  }

  /** Keeps a committed frontier (the larger, when transactions commit out of order). */
  remember(size: number, hashes: readonly Uint8Array[]): void {
    if (size <= this.#size) return;
    this.#size = size;
    this.#hashes = hashes;
  }
}
