import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkPositiveList,
  parsePositiveListCsv,
  positiveListLookup,
  SAMPLE_POSITIVE_LIST_CSV,
} from './positive-list';
import { parseTaxRateCsv, SAMPLE_TAX_RATES_CSV } from './tax-rates';
import { readUnit } from './testing';

const inv = readUnit(
  readFileSync(new URL('../ceb/fixtures/ceb621-inventory.xml', import.meta.url)),
  'CEB621Message',
);
const sample = parsePositiveListCsv(SAMPLE_POSITIVE_LIST_CSV);
const isListed = positiveListLookup(sample.entries);

describe('the sample positive list', () => {
  it('parses without errors and covers every code of the sample tax table', () => {
    expect(sample.errors).toEqual([]);
    const taxCodes = [...parseTaxRateCsv(SAMPLE_TAX_RATES_CSV).rates.byHsCode.keys()];
    expect(taxCodes.filter((c) => !isListed(c))).toEqual([]);
  });
});

describe('checkPositiveList', () => {
  it('accepts the fixture inventory (infant formula 1901101000, food supplement 2106909090)', () => {
    expect(checkPositiveList(inv, isListed)).toEqual([]);
  });

  it('refuses cigarettes (2402200000) with -621003 on that line', () => {
    const lists = inv.lists.map((l) => (l.gnum === 2 ? { ...l, gcode: '2402200000', gname: '卷烟' } : l));
    const found = checkPositiveList({ head: inv.head, lists }, isListed, 1);
    expect(found.map((f) => [f.code, f.severity, f.field])).toEqual([
      ['-621003', 'error', '/CEB621Message/Inventory[2]/InventoryList[2]/gcode'],
    ]);
    expect(found[0]?.zh).toContain('2402200000 不在《跨境电子商务零售进口商品清单》内');
  });

  it('matches a 10-digit entry exactly and an 8-digit entry by tariff line', () => {
    const lookup = positiveListLookup([
      { hsCode: '3304990099', name: '护肤品' },
      { hsCode: '22042100', name: '葡萄酒' },
    ]);
    expect([lookup('3304990099'), lookup('3304990010'), lookup('2204210090')]).toEqual([true, false, true]);
  });
});

describe('parsePositiveListCsv', () => {
  it('reports every bad line with its number and keeps the good ones; quoted fields and BOM are read', () => {
    const text =
      '\uFEFFhsCode,name,remark\n19011010,"配方奶粉, 零售包装",\n1901,短编码,\n19011010,重复,\n33049900,,\n';
    const { entries, errors } = parsePositiveListCsv(text);
    expect(entries).toEqual([{ hsCode: '19011010', name: '配方奶粉, 零售包装' }]);
    expect(errors.map((e) => [e.line, e.en])).toEqual([
      [3, 'hsCode "1901" must be 8 or 10 digits'],
      [4, 'hsCode 19011010 is repeated'],
      [5, 'name is empty'],
    ]);
  });

  it('refuses a file without the required header columns', () => {
    const { entries, errors } = parsePositiveListCsv('code,description\n19011010,奶粉\n');
    expect(entries).toEqual([]);
    expect(errors[0]?.zh).toContain('表头缺少列：hsCode、name');
  });
});

describe('parseTaxRateCsv', () => {
  it('reports bad rates and codes per line', () => {
    const text =
      'hsCode,name,tariffRate,vatRate,consumptionTaxRate\n33049900,护肤品,0.01,13%,1\n22042100,葡萄酒,0.14,0.13,0.10\n';
    const { rates, errors } = parseTaxRateCsv(text);
    expect([...rates.byHsCode.keys()]).toEqual(['22042100']);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(2);
    expect(errors[0]?.en).toContain('vatRate "13%" must be a fraction');
    expect(errors[0]?.en).toContain('consumptionTaxRate "1" must be a fraction');
  });

  it('reports an unterminated quote', () => {
    expect(parseTaxRateCsv('hsCode,name,tariffRate,vatRate,consumptionTaxRate\n"2204,x').errors[0]?.en).toBe(
      'unterminated quoted field',
    );
  });
});
