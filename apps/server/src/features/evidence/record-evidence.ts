import { setImmediate as yieldToIo } from 'node:timers/promises';
import {
  canonicalJson,
  canonicalJsonString,
  EVIDENCE_KINDS,
  type EvidenceKind,
  isStoredLevel,
  MerkleFrontier,
  nodeGetterFromMap,
  nodesNeededForRoot,
} from '@kouan/domain/evidence';
import type { Actor } from '../../lib/actor';
import type { PiiVault } from '../../lib/pii';
import { SOFTWARE_VERSION } from '../../lib/version';
import type { EvidenceRepository, NodeRow } from './evidence.repository';
import { hashLeavesSomewhere, INDEX_MEMBER, joinLeaf, TEXT_SEPARATOR } from './leaf-hashing';

const HASH_BYTES = 32;

export interface EvidenceEvent {
  readonly kind: EvidenceKind;
  readonly subject: { readonly type: string; readonly id: string };
  readonly actor: Actor;
  readonly at: Date;
  /** Parties the event is about: their enterprises may read the entry. */
  readonly partyIds: readonly string[];
  /** The full record (JSON). Stored encrypted; the leaf commits only to its SHA-256. */
  readonly document: unknown;
}

export interface RecordedEntry {
  readonly index: number;
  readonly leafHash: Buffer;
  readonly contentHash: Buffer;
}

const SOURCE_OF: Record<Actor['type'], string> = {
  user: 'user',
  api_key: 'api_key',
  system: 'system_job',
  anonymous: 'public',
};

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** JSON string tokens of the values one append repeats (actor, kind, organisation, …). */
function memoisedJsonString(): (value: unknown) => string | undefined {
  const seen = new Map<unknown, string | undefined>();
  return (value) => {
    if (seen.has(value)) return seen.get(value);
    const token = jsonString(value);
    seen.set(value, token);
    return token;
  };
}

/** A JSON string token, or undefined when canonical JSON would refuse the value. */
function jsonString(value: unknown): string | undefined {
  return typeof value === 'string' && !LONE_SURROGATE.test(value) ? JSON.stringify(value) : undefined;
}

function leafObject(index: number, event: EvidenceEvent, contentHashHex: string) {
  return {
    v: 1,
    index,
    kind: event.kind,
    time: event.at.toISOString(),
    actor: `${event.actor.type}:${event.actor.id}`,
    organisation: event.actor.orgId,
    source: SOURCE_OF[event.actor.type],
    requestId: event.actor.requestId,
    softwareVersion: SOFTWARE_VERSION,
    subjectType: event.subject.type,
    subjectId: event.subject.id,
    parties: [...event.partyIds].sort(),
    contentHash: contentHashHex,
  };
}

/** The leaf bytes of `event` at `index`: leafParts around the content hash (hex) and index, as UTF-8. */
export function leafBytes(index: number, event: EvidenceEvent, contentHash: Uint8Array): Buffer {
  const [head, tail] = leafParts(event, event.at.toISOString(), jsonString);
  return Buffer.from(joinLeaf(head, Buffer.from(contentHash).toString('hex'), index, tail), 'utf8');
}

/** A stand-in content hash: 64 characters, as the hex is, and not hex, so it cannot be mistaken. */
const CONTENT_HASH_SLOT = 'z'.repeat(64);

/**
 * The leaf text before its content hash (hex) and after its index, so that both can be filled in
 * later (leaf-hashing.ts, after the append lock gives the index): leaf = head ‖ hex ‖ `","index":`
 * ‖ index ‖ tail. The leaf is the canonical JSON (RFC 8785) of
 * `{v, index, kind, time, actor, organisation, source, requestId, softwareVersion, subjectType,
 *   subjectId, parties, contentHash}` where actor is `<type>:<id>` — no personal information, only
 * the SHA-256 of the document (see docs/evidence.md). Canonical JSON sorts members, so
 * `contentHash` follows only `actor` and `index` follows `contentHash`. The members are written in
 * that order directly, several times faster than the general serialiser; any value the general
 * serialiser would refuse or format differently takes the general path, so the bytes are always
 * canonicalJson(leafObject(…)).
 */
export function leafParts(
  event: EvidenceEvent,
  time: string,
  token: (value: unknown) => string | undefined,
): [head: string, tail: string] {
  const actor = token(`${event.actor.type}:${event.actor.id}`);
  const org = event.actor.orgId === null ? 'null' : token(event.actor.orgId);
  const kind = token(event.kind);
  const requestId = token(event.actor.requestId);
  const source = token(SOURCE_OF[event.actor.type]);
  const subjectId = jsonString(event.subject.id);
  const subjectType = token(event.subject.type);
  const parties = [...event.partyIds].sort().map(token);
  if (
    actor === undefined ||
    org === undefined ||
    kind === undefined ||
    requestId === undefined ||
    source === undefined ||
    subjectId === undefined ||
    subjectType === undefined ||
    parties.includes(undefined)
  ) {
    // The general serialiser, cut at the slots: `"contentHash":"` with its quotes unescaped can only
    // be the member itself, never text inside a string value; index 0 serialises as `0`.
    const text = canonicalJsonString(leafObject(0, event, CONTENT_HASH_SLOT));
    const slot = `"contentHash":"${CONTENT_HASH_SLOT}${INDEX_MEMBER}0`;
    const at = text.indexOf(slot);
    return [text.slice(0, at + '"contentHash":"'.length), text.slice(at + slot.length)];
  }
  return [
    `{"actor":${actor},"contentHash":"`,
    `,"kind":${kind},` +
      `"organisation":${org},"parties":[${parties.join(',')}],"requestId":${requestId},` +
      `"softwareVersion":${JSON.stringify(SOFTWARE_VERSION)},"source":${source},"subjectId":${subjectId},` +
      `"subjectType":${subjectType},"time":"${time}","v":1}`,
  ];
}

/** The general (slow) serialisation of the same leaf: the reference leafBytes is tested against. */
export function leafBytesReference(index: number, event: EvidenceEvent, contentHash: Uint8Array): Uint8Array {
  return canonicalJson(leafObject(index, event, Buffer.from(contentHash).toString('hex')));
}

const KNOWN_KINDS: ReadonlySet<string> = new Set(EVIDENCE_KINDS);

/** Entries per bundle (one row, one INSERT, sent while the next slice is being hashed). */
const PIPELINE_ROWS = 250;

/**
 * Appends events to the evidence ledger. Call it inside the transaction that makes the state
 * change (Store.transaction): the entries, the Merkle nodes they complete and the documents commit
 * or roll back with it. Appends are serialised by an advisory lock held to the end of the
 * transaction, so call it last in the transaction to keep that short.
 *
 * Each slice of up to 250 events becomes one bundle row holding their leaves, leaf hashes, lookup
 * columns and encrypted documents (migration 0013); only the nodes at stored levels
 * (isStoredLevel) are written: see stored-levels.ts. Slices are hashed on a worker thread
 * (leaf-hashing.ts) while this thread sends the previous slice and the server inserts the one
 * before; every insert is awaited before returning (a slice the worker fails to hash is hashed on
 * this thread). Any failure rejects — a refused event before anything is sent; the database later,
 * after which the caller must let its transaction roll back (Store.transaction does).
 */
export async function recordEvidence(
  deps: { evidence: EvidenceRepository; vault: PiiVault },
  events: readonly EvidenceEvent[],
): Promise<RecordedEntry[]> {
  if (events.length === 0) return [];
  // Everything that can refuse an event (canonical JSON of its document and of its leaf fields),
  // and all the text work that does not need the entry numbers, runs before the append lock: a
  // refused event leaves nothing behind even if the caller catches the error and goes on with its
  // transaction, and the lock is held only for hashing (on the worker thread), the tree and the
  // inserts. While another transaction holds the lock, this one's preparation runs meanwhile.
  // The vocabulary is closed at run time too, not only by the type: a kind cast in from elsewhere is refused.
  const unknown = events.find((e) => !KNOWN_KINDS.has(e.kind));
  if (unknown) throw new Error(`evidence kind ${JSON.stringify(unknown.kind)} is not in EVIDENCE_KINDS`);
  const token = memoisedJsonString();
  const prepared = [];
  for (let from = 0; from < events.length; from += PIPELINE_ROWS) {
    const slice = events.slice(from, from + PIPELINE_ROWS);
    const texts = slice.map((event) => canonicalJsonString(event.document));
    const heads: string[] = [];
    const tails: string[] = [];
    for (const event of slice) {
      const [head, tail] = leafParts(event, event.at.toISOString(), token);
      heads.push(head);
      tails.push(tail);
    }
    prepared.push({
      from,
      count: slice.length,
      columns: {
        kinds: slice.map((e) => e.kind),
        subjectTypes: slice.map((e) => e.subject.type),
        subjectIds: slice.map((e) => e.subject.id),
        orgIds: slice.map((e) => e.actor.orgId ?? ''),
        parties: slice.map((e) => e.partyIds.join(',')),
        partyIds: [...new Set(slice.flatMap((e) => e.partyIds))],
        // Encrypted documents are `v2.<base64>`: U+001E cannot occur in them.
        documents: deps.vault.sealCommitted(texts).join('\u001e'),
        recordedAtIso: slice[0]!.at.toISOString(),
      },
      input: {
        documents: texts.join(TEXT_SEPARATOR),
        heads: heads.join(TEXT_SEPARATOR),
        tails: tails.join(TEXT_SEPARATOR),
      },
    });
    // Let concurrent appends (waiting for their inserts or the lock) go on between slices.
    if (from + PIPELINE_ROWS < events.length) await yieldToIo();
  }
  await deps.evidence.lockForAppend();
  const size = await deps.evidence.treeSize();
  // Every slice goes to the hashing thread now; meanwhile the tree's edge is taken from this
  // process's last commit (EvidenceTip) or read from the stored nodes. Slices are
  // then written in order as their hashes come back: the worker hashes slice k + 1 while this
  // thread extends the tree and sends slice k, and the server inserts slice k - 1.
  const slices = prepared.map((p) => {
    const hashed = hashLeavesSomewhere({ ...p.input, firstIndex: size + p.from }, p.count);
    // Awaited below; this only keeps an early failure from being reported as unhandled.
    hashed.catch(() => undefined);
    return { firstIdx: size + p.from, count: p.count, columns: p.columns, hashed };
  });
  const frontier =
    deps.evidence.knownFrontier(size) ??
    MerkleFrontier.fromStore(size, nodeGetterFromMap(await deps.evidence.getNodes(nodesNeededForRoot(size))));
  const recorded: RecordedEntry[] = [];
  const writes: Promise<void>[] = [];
  for (const { firstIdx, count, columns, hashed } of slices) {
    const { leaves, leafEnds, hashes } = await hashed;
    const block = Buffer.from(hashes.buffer, hashes.byteOffset, hashes.byteLength);
    const leafHashes = Array.from({ length: count }, (_, i) =>
      block.subarray(HASH_BYTES * (count + i), HASH_BYTES * (count + i + 1)),
    );
    for (let i = 0; i < count; i += 1) {
      recorded.push({
        index: firstIdx + i,
        leafHash: leafHashes[i]!,
        contentHash: block.subarray(HASH_BYTES * i, HASH_BYTES * (i + 1)),
      });
    }
    const nodes: NodeRow[] = frontier.appendAll(leafHashes, isStoredLevel);
    const write = deps.evidence.insertBundle(
      { firstIdx, leaves, leafEnds, leafHashes: block.subarray(HASH_BYTES * count), ...columns },
      nodes,
    );
    // Awaited below by Promise.all; this only keeps an early failure from being reported as unhandled.
    write.catch(() => undefined);
    writes.push(write);
    // Yield to I/O so the driver sends the queued statement before the next slice is handled.
    if (firstIdx + count < size + events.length) await yieldToIo();
  }
  await Promise.all(writes);
  deps.evidence.rememberAfterCommit(
    frontier.size,
    frontier.nodes.map((node) => node.hash),
  );
  return recorded;
}
