/**
 * Cross-check against the OFFICIAL XSDs with libxml2's xmllint (apt-get install libxml2-utils):
 *   npx tsx packages/domain/src/ceb/schema/xmllint-check.ts [xsdDir]
 *
 * 1. every fixture declaration validates against its official XSD;
 * 2. every receipt the builder emits (all business receipt types and CEB900) validates;
 * 3. differential: XSD-level mutations our validator rejects are rejected by xmllint too, and the
 *    value-space cases we accept (trailing fraction zeros) are accepted by xmllint as well.
 * Exits non-zero on any disagreement. A developer tool: it spawns processes and writes temp files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAMPLE_RECEIPT_INPUTS } from '../fixtures/sample-receipts';
import type { CebBusinessReceiptType } from '../message-types';
import { schemaNameOf } from '../message-types';
import { parseCebXml } from '../parse';
import { buildCebReceipt, buildFormatErrorReceipt, CEB900_RETURN_STATUS } from '../receipts';
import { validateCebMessage } from '../validate';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../fixtures');
const xsdDir = resolve(process.argv[2] ?? '/work/shared/ceb-spec/xsd');
const work = mkdtempSync(join(tmpdir(), 'ceb-xmllint-'));

function xmllint(name: string, xml: string): { ok: boolean; output: string } {
  const root = /<(?:\w+:)?(CEB\d{3}Message)\b/.exec(xml)?.[1] ?? '';
  const xsd = join(xsdDir, schemaNameOf(root) === 'export' ? 'ceb-export-2022.xsd' : 'ceb-import-2022.xsd');
  const file = join(work, name);
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}

function ours(xml: string): boolean {
  const parsed = parseCebXml(new TextEncoder().encode(xml));
  return parsed.ok && validateCebMessage(parsed.value).violations.every((v) => v.source !== 'xsd');
}

let failures = 0;
function expectAgreement(label: string, xml: string, expected: boolean): void {
  const lint = xmllint(`${label.replace(/\W+/g, '_')}.xml`, xml);
  const mine = ours(xml);
  const agree = lint.ok === expected && mine === expected;
  if (!agree) failures++;
  const verdict = expected ? 'valid' : 'invalid';
  console.log(`${agree ? 'ok  ' : 'FAIL'} ${label}: expected ${verdict}; xmllint ${lint.ok}, ours ${mine}`);
  if (!agree) console.log(lint.output);
}

function checkFixtures(): void {
  for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.xml'))) {
    expectAgreement(`fixture ${file}`, readFileSync(join(fixtures, file), 'utf8'), true);
  }
}

function checkReceipts(): void {
  for (const type of Object.keys(SAMPLE_RECEIPT_INPUTS) as CebBusinessReceiptType[]) {
    const result = buildCebReceipt(SAMPLE_RECEIPT_INPUTS[type] as never);
    if (!result.ok) throw new Error(`${type} did not build`);
    expectAgreement(`receipt ${type}`, result.xml, true);
  }
  const ceb900 = buildFormatErrorReceipt({
    guid: '6F1A0C52-8E1B-4C2B-9A4B-1F2E3D4C5B90',
    returnStatus: CEB900_RETURN_STATUS.notWellFormed,
    returnTime: new Date(),
    returnInfo: 'XML格式错误 & <不完整>',
    oriCopMsgId: 'KOUAN-1',
    oriBizMessage: '<CEB311Message>]]> broken',
  });
  if (!ceb900.ok) throw new Error('CEB900 did not build');
  expectAgreement('receipt CEB900Message', ceb900.xml, true);
}

const MUTATIONS: readonly [label: string, file: string, from: string | RegExp, to: string, valid: boolean][] =
  [
    ['missing orderNo', 'ceb311-order.xml', /<ceb:orderNo>.*<\/ceb:orderNo>/, '', false],
    [
      'ebpName 101 chars',
      'ceb311-order.xml',
      '杭州海淘跨境电子商务平台有限公司</ceb:ebpName>',
      `${'杭'.repeat(101)}</ceb:ebpName>`,
      false,
    ],
    [
      'ebpName 100 chars',
      'ceb311-order.xml',
      '杭州海淘跨境电子商务平台有限公司</ceb:ebpName>',
      `${'杭'.repeat(100)}</ceb:ebpName>`,
      true,
    ],
    ['price 6 fraction digits', 'ceb311-order.xml', '<ceb:price>169.00<', '<ceb:price>169.123456<', false],
    ['price trailing zeros', 'ceb311-order.xml', '<ceb:price>169.00<', '<ceb:price>169.000000<', true],
    ['qty 20 digits', 'ceb311-order.xml', '<ceb:qty>2<', '<ceb:qty>123456789012345.12345<', false],
    ['gcode 9 digits', 'ceb621-inventory.xml', '<ceb:gcode>1901101000<', '<ceb:gcode>190110100<', false],
    [
      'unknown element',
      'ceb311-order.xml',
      '</ceb:OrderHead>',
      '<ceb:couponCode>1</ceb:couponCode></ceb:OrderHead>',
      false,
    ],
    [
      'swapped order',
      'ceb311-order.xml',
      /(<ceb:orderType>I<\/ceb:orderType>)(\s*)(<ceb:orderNo>[^<]*<\/ceb:orderNo>)/,
      '$3$2$1',
      false,
    ],
    ['gnum not integer', 'ceb311-order.xml', '<ceb:gnum>2<', '<ceb:gnum>2.5<', false],
    ['missing Signature', 'ceb623-cancel.xml', /<ds:Signature[\s\S]*<\/ds:Signature>/, '', false],
    [
      '101 orders',
      'ceb513-waybill-status.xml',
      /(<ceb:LogisticsStatus>[\s\S]*<\/ceb:LogisticsStatus>)/,
      '$1'.repeat(101),
      false,
    ],
    ['missing version', 'ceb303-export-order.xml', ' version="1.0" xmlns:ceb', ' xmlns:ceb', false],
    [
      'decimal with spaces',
      'ceb505-export-waybill.xml',
      '<ceb:grossWeight>1.25<',
      '<ceb:grossWeight> 1.25 <',
      true,
    ],
  ];

function checkMutations(): void {
  for (const [label, file, from, to, valid] of MUTATIONS) {
    const source = readFileSync(join(fixtures, file), 'utf8');
    const mutated = source.replace(from, to);
    if (mutated === source) throw new Error(`mutation "${label}" did not apply`);
    expectAgreement(`mutation ${label}`, mutated, valid);
  }
}

try {
  checkFixtures();
  checkReceipts();
  checkMutations();
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(failures === 0 ? 'all checks agree with the official XSDs' : `${failures} disagreement(s)`);
process.exitCode = failures === 0 ? 0 : 1;
