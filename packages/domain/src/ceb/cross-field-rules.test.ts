import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCebXml } from './parse';
import { validateCebMessage } from './validate';

const text = (file: string) => readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8');
const SUMMARY = text('ceb701-export-summary.xml');
const ARRIVAL = text('ceb507-export-arrival.xml');

function violationsOf(xml: string) {
  const parsed = parseCebXml(new TextEncoder().encode(xml));
  if (!parsed.ok) throw new Error(`${parsed.error.code}: ${parsed.error.detail}`);
  return validateCebMessage(parsed.value).violations;
}

function mutate(xml: string, from: string | RegExp, to: string): string {
  const out = xml.replace(from, to);
  if (out === xml) throw new Error(`mutation ${String(from)} did not apply`);
  return out;
}

const split = (xml: string, count: string, seq: string) =>
  mutate(
    xml,
    '<ceb:msgCount>1</ceb:msgCount>\n      <ceb:msgSeqNo>1</ceb:msgSeqNo>',
    `<ceb:msgCount>${count}</ceb:msgCount>\n      <ceb:msgSeqNo>${seq}</ceb:msgSeqNo>`,
  );

const withRange = (start: string | null, end: string | null) =>
  mutate(
    SUMMARY,
    '</ceb:declAgentName>\n',
    `</ceb:declAgentName>\n${start ? `<ceb:startTime>${start}</ceb:startTime>` : ''}${end ? `<ceb:endTime>${end}</ceb:endTime>` : ''}\n`,
  );

describe('two-field rules of the spec (split messages, CEB701 time range)', () => {
  it('accepts the parts of a split message numbered 1 to msgCount', () => {
    expect(violationsOf(split(ARRIVAL, '3', '1'))).toEqual([]);
    expect(violationsOf(split(ARRIVAL, '3', '3'))).toEqual([]);
    expect(violationsOf(split(SUMMARY, '2', '2'))).toEqual([]);
  });

  it('refuses a part numbered 0 or beyond msgCount, naming msgSeqNo and the total', () => {
    for (const seq of ['0', '4']) {
      const [v, ...rest] = violationsOf(split(ARRIVAL, '3', seq));
      expect(rest).toEqual([]);
      expect(v).toMatchObject({
        code: 'MESSAGE_SEQUENCE',
        path: '/CEB507Message/Arrival/ArrivalHead/msgSeqNo',
        field: 'msgSeqNo',
        actual: seq,
        source: 'spec',
      });
      expect(v?.messageZh).toContain('1 至报文总数 msgCount（3）');
      expect(v?.messageEn).toContain('expected 1 to msgCount (3)');
    }
  });

  it('takes a CEB701 time range only as a pair, ending no earlier than it starts', () => {
    expect(violationsOf(withRange('20240701000000', '20240731235959'))).toEqual([]);
    expect(violationsOf(withRange('20240701000000', '20240701000000'))).toEqual([]);
    const [unpaired, ...none] = violationsOf(withRange('20240701000000', null));
    expect(none).toEqual([]);
    expect(unpaired).toMatchObject({
      code: 'UNPAIRED_FIELD',
      path: '/CEB701Message/SummaryApply/SummaryApplyHead/endTime',
      actual: null,
    });
    expect(unpaired?.messageZh).toContain('与 startTime 成对填写');
    const [reversed] = violationsOf(withRange('20240731000000', '20240701000000'));
    expect(reversed).toMatchObject({
      code: 'RANGE_ORDER',
      path: '/CEB701Message/SummaryApply/SummaryApplyHead/endTime',
      actual: '20240701000000',
    });
    expect(reversed?.messageZh).toContain('大于等于开始时间 startTime（20240731000000）');
  });
});
