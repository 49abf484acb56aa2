import { hash } from 'node:crypto';
import { WorkerThread } from '../../lib/worker-thread';

/**
 * The hashing half of an append slice, kept apart so it can run on a worker thread while the
 * calling thread extends the tree and talks to the database: each document's SHA-256, the leaf
 * text around it and its entry number (joinLeaf), the RFC 9162 leaf hash and
 * the leaves' UTF-8 end offsets.
 *
 * Texts travel as one string each, joined by U+001E: canonical JSON escapes every control
 * character, so no document, head or tail contains one.
 */
export interface LeafHashInput {
  /** The documents' canonical JSON texts. */
  readonly documents: string;
  /** Each leaf's text before its content hash (hex). */
  readonly heads: string;
  /** Each leaf's text after its index. */
  readonly tails: string;
  /** The entry number of the first leaf; the others follow. */
  readonly firstIndex: number;
}

export interface LeafHashOutput {
  /** The leaves concatenated (UTF-8): the bytes the bundle stores. */
  readonly leaves: Uint8Array;
  /** Cumulative UTF-8 end offset of each leaf in `leaves`. */
  readonly leafEnds: number[];
  /** The content hashes (32 bytes each), then the leaf hashes (32 bytes each), in entry order. */
  readonly hashes: Uint8Array;
}

export const TEXT_SEPARATOR = '\u001e';
/** What follows the content hash in every leaf: canonical JSON sorts `index` right after `contentHash`. */
export const INDEX_MEMBER = '","index":';

/** A leaf's text from its parts (record-evidence.ts leafParts), content hash (hex) and entry number. */
export function joinLeaf(head: string, contentHashHex: string, index: number, tail: string): string {
  if (!Number.isSafeInteger(index) || index < 0)
    throw new Error(`evidence index ${index} is not an entry number`);
  return `${head}${contentHashHex}${INDEX_MEMBER}${index}${tail}`;
}
const HASH_BYTES = 32;

/** The same work on this thread (small slices, and the worker's own body). */
export function hashLeaves(input: LeafHashInput): LeafHashOutput {
  const documents = input.documents.split(TEXT_SEPARATOR);
  const heads = input.heads.split(TEXT_SEPARATOR);
  const tails = input.tails.split(TEXT_SEPARATOR);
  if (heads.length !== documents.length || tails.length !== documents.length)
    throw new Error('leaf hashing: documents, heads and tails differ in number');
  const hashes = new Uint8Array(2 * HASH_BYTES * documents.length);
  const leafEnds: number[] = [];
  const leaves: string[] = [];
  let end = 0;
  for (let i = 0; i < documents.length; i += 1) {
    const contentHash = hash('sha256', documents[i]!, 'buffer');
    const leaf = joinLeaf(heads[i]!, contentHash.toString('hex'), input.firstIndex + i, tails[i]!);
    // RFC 9162 leaf hash: the 0x00 prefix is U+0000, one byte in UTF-8.
    const leafHash = hash('sha256', `\u0000${leaf}`, 'buffer');
    hashes.set(contentHash, HASH_BYTES * i);
    hashes.set(leafHash, HASH_BYTES * (documents.length + i));
    leaves.push(leaf);
    end += Buffer.byteLength(leaf, 'utf8');
    leafEnds.push(end);
  }
  return { leaves: Buffer.from(leaves.join(''), 'utf8'), leafEnds, hashes };
}

/** Slices smaller than this are hashed on the calling thread (a round trip costs more). */
const WORKER_MIN_ENTRIES = 64;

/** One worker thread per process (lib/worker-thread.ts). */
const worker = new WorkerThread<LeafHashInput, LeafHashOutput>(
  new URL('./leaf-hashing.worker.ts', import.meta.url),
  'evidence leaf hashing',
);

/** hashLeaves on the worker thread (rejects when the worker fails). */
export function hashLeavesOnWorker(input: LeafHashInput): Promise<LeafHashOutput> {
  return worker.request(input);
}

/**
 * hashLeaves for `count` entries: on the worker thread for large slices, here for small ones, and
 * here too when the worker fails (hashing is pure: the same bytes either way).
 */
export function hashLeavesSomewhere(input: LeafHashInput, count: number): Promise<LeafHashOutput> {
  if (count < WORKER_MIN_ENTRIES) return Promise.resolve(hashLeaves(input));
  return worker.requestOr(input, () => hashLeaves(input));
}
