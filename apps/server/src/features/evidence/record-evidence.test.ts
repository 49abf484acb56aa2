import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anonymousActor, systemActor } from '../../lib/actor';
import { type EvidenceEvent, leafBytes, leafBytesReference } from './record-evidence';

const contentHash = createHash('sha256').update('document').digest();

function event(overrides: Partial<EvidenceEvent> = {}): EvidenceEvent {
  return {
    kind: 'party.filed',
    subject: { type: 'party', id: 'party_01JTEST' },
    actor: systemActor('req_1'),
    at: new Date('2026-11-21T10:00:00.123Z'),
    partyIds: ['party_b', 'party_a'],
    document: {},
    ...overrides,
  };
}

describe('leaf bytes (fast writer)', () => {
  it.each([
    ['a plain event', event()],
    ['no parties and no organisation', event({ partyIds: [], actor: anonymousActor('req_anon') })],
    [
      'quotes, backslashes and control characters',
      event({ subject: { type: 't"q\\', id: 'a\u0001b\n\t\u2028/' } }),
    ],
    ['Chinese text and characters outside the BMP', event({ subject: { type: '口岸', id: '报关单😀' } })],
    ['party ids that sort by UTF-16 code unit', event({ partyIds: ['\uFF21', '😀', 'Z', 'a', ''] })],
    ['a large index', event()],
  ])('equals the general RFC 8785 serialiser for %s', (_name, e) => {
    for (const index of [0, 7, 2 ** 40 + 3]) {
      expect(
        leafBytes(index, e, contentHash).equals(Buffer.from(leafBytesReference(index, e, contentHash))),
      ).toBe(true);
    }
  });

  it('refuses a lone surrogate exactly as the general serialiser does', () => {
    const e = event({ subject: { type: 'party', id: 'bad\uD800' } });
    expect(() => leafBytesReference(0, e, contentHash)).toThrow(/lone surrogate/);
    expect(() => leafBytes(0, e, contentHash)).toThrow(/lone surrogate/);
  });
});
