import { createHash } from 'node:crypto';
import { canonicalJsonString } from '@kouan/domain/evidence';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/actor';
import { hashLeaves, hashLeavesOnWorker, hashLeavesSomewhere, TEXT_SEPARATOR } from './leaf-hashing';
import { type EvidenceEvent, leafBytesReference, leafParts } from './record-evidence';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest();

/** 100 events whose documents and subjects hold separators, quotes, Chinese and emoji. */
function slice(first: number) {
  const events: EvidenceEvent[] = Array.from({ length: 100 }, (_, i) => ({
    kind: 'message.accepted',
    subject: { type: 'ceb_message', id: `msg\u001e${i}"口岸😀` },
    actor: systemActor(`req_${i}`),
    at: new Date(Date.UTC(2026, 10, 21, 10, 0, i)),
    partyIds: [`party_${i % 3}`],
    document: { i, text: `line\u001eone\u001ftwo "三单" 😀`, nested: [i, null, true] },
  }));
  const parts = events.map((e) => leafParts(e, e.at.toISOString(), (v) => JSON.stringify(v)));
  const documents = events.map((e) => canonicalJsonString(e.document));
  return {
    events,
    documents,
    input: {
      documents: documents.join(TEXT_SEPARATOR),
      heads: parts.map(([head]) => head).join(TEXT_SEPARATOR),
      tails: parts.map(([, tail]) => tail).join(TEXT_SEPARATOR),
      firstIndex: first,
    },
  };
}

describe('evidence leaf hashing', () => {
  it('produces the reference leaves, content hashes and RFC 9162 leaf hashes', () => {
    const { events, documents, input } = slice(1000);
    const out = hashLeaves(input);
    const leaves = Buffer.from(out.leaves);
    let start = 0;
    events.forEach((event, i) => {
      const contentHash = sha256(documents[i]!);
      const leaf = leaves.subarray(start, out.leafEnds[i]);
      start = out.leafEnds[i]!;
      expect(leaf.equals(Buffer.from(leafBytesReference(1000 + i, event, contentHash)))).toBe(true);
      expect(Buffer.from(out.hashes.subarray(32 * i, 32 * (i + 1))).equals(contentHash)).toBe(true);
      const leafHash = sha256(Buffer.concat([Buffer.from([0]), leaf]));
      expect(Buffer.from(out.hashes.subarray(32 * (100 + i), 32 * (101 + i))).equals(leafHash)).toBe(true);
    });
    expect(start).toBe(leaves.length);
  });

  it('gives the same bytes on the worker thread as in place, for concurrent slices', async () => {
    const inputs = [0, 100, 200, 300].map((first) => slice(first).input);
    const onWorker = await Promise.all(inputs.map((input) => hashLeavesOnWorker(input)));
    inputs.forEach((input, i) => {
      const here = hashLeaves(input);
      expect(Buffer.from(onWorker[i]!.leaves).equals(Buffer.from(here.leaves))).toBe(true);
      expect(Buffer.from(onWorker[i]!.hashes).equals(Buffer.from(here.hashes))).toBe(true);
      expect(onWorker[i]!.leafEnds).toEqual(here.leafEnds);
    });
  });

  it('refuses texts that do not line up, on the worker too', async () => {
    const { input } = slice(0);
    const broken = { ...input, tails: input.tails.split(TEXT_SEPARATOR).slice(1).join(TEXT_SEPARATOR) };
    expect(() => hashLeaves(broken)).toThrow(/differ in number/);
    await expect(hashLeavesOnWorker(broken)).rejects.toThrow(/differ in number/);
    await expect(hashLeavesSomewhere(broken, 100)).rejects.toThrow(/differ in number/);
  });
});
