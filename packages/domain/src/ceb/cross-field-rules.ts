/**
 * Format rules the spec states across two fields of one head, which neither the XSD facets nor the
 * one-field rules of spec-rules.ts can express. Each cites the spec's field table (2022-05):
 *
 * - 报文序号 msgSeqNo: "当前报文序号，以1开始的报文顺序号 … 拆分的报文需要连续编号，不得跳号", with 报文总数
 *   msgCount "拆分后的报文总数" (CEB507, CEB509, CEB607, CEB701 heads): a part numbered 0, or beyond
 *   the total, can never make a complete run.
 * - 汇总开始时间 startTime / 汇总结束时间 endTime (CEB701): "填写须成对，结束时间须大于等于开始时间".
 *
 * Whether every part of a split message arrived is not a format question (they come as separate
 * messages); only what one message shows is checked here.
 */
import type { CebElement } from './tree';
import type { CebViolationCode } from './violations';

export interface CrossFieldFinding {
  /** The head's element name (its complex type key, for the field's annotation). */
  readonly owner: string;
  readonly field: string;
  readonly path: string;
  readonly code: Extract<CebViolationCode, 'MESSAGE_SEQUENCE' | 'UNPAIRED_FIELD' | 'RANGE_ORDER'>;
  readonly expected: string;
  readonly expectedZh: string;
  readonly actual: string | null;
}

const child = (e: CebElement, name: string) => e.children.find((c) => c.name === name);

function sequence(head: CebElement): CrossFieldFinding[] {
  const count = child(head, 'msgCount');
  const seq = child(head, 'msgSeqNo');
  if (!count || !seq) return [];
  const total = Number(count.text.trim());
  const n = Number(seq.text.trim());
  // Not integers: the XSD facets report them.
  if (!Number.isInteger(total) || !Number.isInteger(n) || (n >= 1 && n <= total)) return [];
  return [
    {
      owner: head.name,
      field: 'msgSeqNo',
      path: seq.path,
      code: 'MESSAGE_SEQUENCE',
      expected: `1 to msgCount (${total})`,
      expectedZh: `1 至报文总数 msgCount（${total}）`,
      actual: seq.text.trim(),
    },
  ];
}

function timeRange(head: CebElement): CrossFieldFinding[] {
  const start = child(head, 'startTime');
  const end = child(head, 'endTime');
  if (!start && !end) return [];
  if (!start || !end) {
    const missing = start ? 'endTime' : 'startTime';
    const given = start ? 'startTime' : 'endTime';
    return [
      {
        owner: head.name,
        field: missing,
        path: `${head.path}/${missing}`,
        code: 'UNPAIRED_FIELD',
        expected: `given together with ${given}`,
        expectedZh: `与 ${given} 成对填写`,
        actual: null,
      },
    ];
  }
  // yyyyMMddHHmmss compares as text; a malformed value is reported by the format rule.
  const from = start.text.trim();
  const to = end.text.trim();
  if (!/^\d{14}$/.test(from) || !/^\d{14}$/.test(to) || to >= from) return [];
  return [
    {
      owner: head.name,
      field: 'endTime',
      path: end.path,
      code: 'RANGE_ORDER',
      expected: `not before startTime (${from})`,
      expectedZh: `大于等于开始时间 startTime（${from}）`,
      actual: to,
    },
  ];
}

/** The findings of every head of the message (units and their heads: depth 2 and 3). */
export function crossFieldFindings(root: CebElement): CrossFieldFinding[] {
  const out: CrossFieldFinding[] = [];
  for (const unit of root.children) {
    for (const head of [unit, ...unit.children]) {
      if (head.children.length === 0) continue;
      out.push(...sequence(head), ...timeRange(head));
    }
  }
  return out;
}
