/**
 * Statutory rates by HS code, as editable reference data (CSV). Columns (header row required, any order):
 * `hsCode` (8-digit tariff line or 10-digit code), `name`, `tariffRate` (MFN tariff, used only at the full
 * rate), `vatRate`, `consumptionTaxRate` (ad valorem), optional `remark`. Rates are fractions written as
 * exact decimals (`0.13` for 13%), 0 ≤ rate < 1. Specific or compound consumption taxes (beer, spirits,
 * tobacco) are not modelled: those goods are not on the positive list.
 * Look-up: the 10-digit code, else its first 8 digits.
 */
import type { Decimal } from '../money';
import { compare, decimal, parseDecimal } from '../money';
import { type CsvError, headerIndex, readCsv } from './csv';

export interface TaxRate {
  readonly hsCode: string;
  readonly name: string;
  readonly tariffRate: string;
  readonly vatRate: string;
  readonly consumptionTaxRate: string;
  readonly remark?: string;
}

export interface TaxRateTable {
  readonly byHsCode: ReadonlyMap<string, TaxRate>;
}

export function taxRateTable(rates: readonly TaxRate[]): TaxRateTable {
  return { byHsCode: new Map(rates.map((r) => [r.hsCode, r])) };
}

/** The rate for a 10-digit gcode: exact code first, then the 8-digit tariff line. */
export function findTaxRate(table: TaxRateTable, gcode: string): TaxRate | undefined {
  return table.byHsCode.get(gcode) ?? table.byHsCode.get(gcode.slice(0, 8));
}

const HS_CODE = /^(\d{8}|\d{10})$/;
const RATE = { maxScale: 6, maxIntegerDigits: 1 };
const RATE_COLUMNS = ['tariffRate', 'vatRate', 'consumptionTaxRate'] as const;

function parseRate(text: string): Decimal | undefined {
  const parsed = parseDecimal(text, RATE);
  if (!parsed.ok || parsed.value.units < 0n || compare(parsed.value, decimal('1')) >= 0) return undefined;
  return parsed.value;
}

/** Every row checked; bad rows are reported by line and left out, good rows kept. */
export function parseTaxRateCsv(text: string): { rates: TaxRateTable; errors: CsvError[] } {
  const { rows, errors } = readCsv(text);
  const [header, ...body] = rows;
  const { index, error } = headerIndex(header, ['hsCode', 'name', ...RATE_COLUMNS], ['remark']);
  if (error) return { rates: taxRateTable([]), errors: [...errors, error] };
  const col = (fields: readonly string[], name: string) => fields[index.get(name) ?? -1] ?? '';
  const rates = new Map<string, TaxRate>();
  for (const row of body) {
    const problems: [string, string][] = [];
    const hsCode = col(row.fields, 'hsCode');
    if (!HS_CODE.test(hsCode))
      problems.push([`商品编码"${hsCode}"应为8或10位数字`, `hsCode "${hsCode}" must be 8 or 10 digits`]);
    else if (rates.has(hsCode)) problems.push([`商品编码 ${hsCode} 重复`, `hsCode ${hsCode} is repeated`]);
    for (const name of RATE_COLUMNS) {
      const value = col(row.fields, name);
      if (parseRate(value) === undefined)
        problems.push([
          `${name}"${value}"应为 0 到 1 之间（不含 1）的小数，如 0.13`,
          `${name} "${value}" must be a fraction from 0 up to (not including) 1, e.g. 0.13`,
        ]);
    }
    const name = col(row.fields, 'name');
    if (name === '') problems.push(['商品名称为空', 'name is empty']);
    if (problems.length > 0) {
      errors.push({
        line: row.line,
        zh: problems.map((p) => p[0]).join('；'),
        en: problems.map((p) => p[1]).join('; '),
      });
      continue;
    }
    const remark = col(row.fields, 'remark');
    rates.set(hsCode, {
      hsCode,
      name,
      tariffRate: col(row.fields, 'tariffRate'),
      vatRate: col(row.fields, 'vatRate'),
      consumptionTaxRate: col(row.fields, 'consumptionTaxRate'),
      ...(remark === '' ? {} : { remark }),
    });
  }
  return { rates: taxRateTable([...rates.values()]), errors };
}

/**
 * A realistic sample for tests and the demo. VAT and consumption-tax rates are the statutory ones (VAT 13%,
 * 9% for agricultural products, edible vegetable oil and sterilised milk; consumption tax 15% high-end
 * cosmetics, 10% wine, 20% high-end watches, 10% precious jewellery and golf equipment); MFN tariff rates
 * are indicative. Production loads the current 《进出口税则》 as CSV.
 */
export const SAMPLE_TAX_RATES_CSV = `hsCode,name,tariffRate,vatRate,consumptionTaxRate,remark
# 样例数据：增值税、消费税为法定税率；最惠国关税税率仅供演示，生产环境请导入现行《进出口税则》
1901101000,婴幼儿配方奶粉（零售包装）,0.15,0.13,0,
1901109000,其他供婴幼儿食用的零售包装食品,0.15,0.13,0,
0401200000,灭菌乳（脂肪含量1%-6%）,0.15,0.09,0,灭菌乳适用9%增值税
0409000000,天然蜂蜜,0.15,0.09,0,
1509200000,特级初榨橄榄油,0.10,0.09,0,食用植物油适用9%增值税
1806900000,其他巧克力及含可可的食品,0.08,0.13,0,
1905310000,甜饼干,0.05,0.13,0,
2009500000,番茄汁,0.05,0.13,0,2022年正面清单新增
2101110000,速溶咖啡,0.12,0.13,0,
2106909090,其他食品（膳食补充剂、维生素片等）,0.15,0.13,0,
2201101000,矿泉水,0.05,0.13,0,
2204100000,起泡葡萄酒,0.14,0.13,0.10,
2204210000,葡萄酒（容器容量≤2升）,0.14,0.13,0.10,
3303000000,香水及花露水,0.03,0.13,0.15,高档化妆品消费税15%
3304100000,唇用化妆品,0.01,0.13,0.15,高档化妆品（≥10元/毫升(克)或15元/片(张)）
3304200000,眼用化妆品,0.01,0.13,0.15,高档化妆品（≥10元/毫升(克)或15元/片(张)）
3304910000,粉（不论是否压紧）,0.01,0.13,0.15,高档化妆品（≥10元/毫升(克)或15元/片(张)）
3304990099,其他美容化妆品及护肤品,0.01,0.13,0.15,高档护肤类化妆品（≥10元/毫升(克)或15元/片(张)）
3305100000,洗发剂（香波）,0.03,0.13,0,
3306100000,牙膏,0.03,0.13,0,
3307200000,个人用除臭剂及止汗剂,0.06,0.13,0,
3401300000,洁肤用有机表面活性产品（洗面奶）,0.06,0.13,0,
4202210000,以皮革作面的手提包,0.06,0.13,0,
6404110000,运动鞋（纺织材料鞋面）,0.06,0.13,0,
7116200000,宝石或半宝石制品,0.08,0.13,0.10,贵重首饰及珠宝玉石消费税10%
8510100000,电动剃须刀,0.10,0.13,0,
8516310000,电吹风,0.07,0.13,0,
9004100000,太阳镜,0.07,0.13,0,
9101219000,其他贵金属表壳自动上弦机械手表,0.08,0.13,0.20,高档手表（≥10000元/只）消费税20%
9102110000,机械指示式电子手表,0.08,0.13,0,
9503008900,其他玩具,0,0.13,0,
9506310000,高尔夫球棍（全套）,0.06,0.13,0.10,高尔夫球及球具消费税10%
9619001100,婴儿尿裤及尿布,0,0.13,0,
`;
