/**
 * 跨境电子商务零售进口商品清单 (正面清单, 2019 edition as adjusted 2022-01-28): only listed goods may enter
 * as retail imports. Editable reference data loaded from CSV with columns `hsCode` (8-digit tariff line as
 * the list publishes it, or a 10-digit code), `name`, optional `remark` (the list's 监管要求, e.g.
 * "仅限网购保税商品"). A 10-digit gcode is listed when its code or its 8-digit tariff line is.
 * A gcode not on the list is refused with -621003 (the spec has no dedicated code).
 */
import type { CebDeclarationUnit } from '../ceb';
import { type CsvError, headerIndex, readCsv } from './csv';
import { type RetailFinding, retailError } from './finding';
import { inventoryPaths } from './import-set';

export interface PositiveListEntry {
  readonly hsCode: string;
  readonly name: string;
  readonly remark?: string;
}

const HS_CODE = /^(\d{8}|\d{10})$/;

export function parsePositiveListCsv(text: string): { entries: PositiveListEntry[]; errors: CsvError[] } {
  const { rows, errors } = readCsv(text);
  const [header, ...body] = rows;
  const { index, error } = headerIndex(header, ['hsCode', 'name'], ['remark']);
  if (error) return { entries: [], errors: [...errors, error] };
  const col = (fields: readonly string[], name: string) => fields[index.get(name) ?? -1] ?? '';
  const seen = new Set<string>();
  const entries: PositiveListEntry[] = [];
  for (const row of body) {
    const hsCode = col(row.fields, 'hsCode');
    const name = col(row.fields, 'name');
    const problems: [string, string][] = [];
    if (!HS_CODE.test(hsCode))
      problems.push([`商品编码"${hsCode}"应为8或10位数字`, `hsCode "${hsCode}" must be 8 or 10 digits`]);
    else if (seen.has(hsCode)) problems.push([`商品编码 ${hsCode} 重复`, `hsCode ${hsCode} is repeated`]);
    if (name === '') problems.push(['商品名称为空', 'name is empty']);
    if (problems.length > 0) {
      errors.push({
        line: row.line,
        zh: problems.map((p) => p[0]).join('；'),
        en: problems.map((p) => p[1]).join('; '),
      });
      continue;
    }
    seen.add(hsCode);
    const remark = col(row.fields, 'remark');
    entries.push({ hsCode, name, ...(remark === '' ? {} : { remark }) });
  }
  return { entries, errors };
}

/** A look-up over entries: a 10-digit gcode is listed by its own code or its 8-digit tariff line. */
export function positiveListLookup(entries: readonly PositiveListEntry[]): (hsCode: string) => boolean {
  const codes = new Set(entries.map((e) => e.hsCode));
  return (hsCode) => codes.has(hsCode) || codes.has(hsCode.slice(0, 8));
}

/** -621003 for each inventory line whose gcode is not on the positive list. */
export function checkPositiveList(
  inventory: CebDeclarationUnit<'CEB621Message'>,
  isListed: (hsCode: string) => boolean,
  unitIndex = 0,
): RetailFinding[] {
  const at = inventoryPaths(unitIndex);
  return inventory.lists.flatMap((line, i) =>
    isListed(line.gcode)
      ? []
      : [
          retailError(
            '-621003',
            at.inventoryLine(i, 'gcode'),
            `清单商品 ${line.gnum}（${line.gname}）的商品编码 ${line.gcode} 不在《跨境电子商务零售进口商品清单》内`,
            `inventory line ${line.gnum} (${line.gname}): gcode ${line.gcode} is not on the cross-border e-commerce retail import positive list`,
          ),
        ],
  );
}

/** A sample of the list (8-digit tariff lines, as published) for tests and the demo. */
export const SAMPLE_POSITIVE_LIST_CSV = `hsCode,name,remark
# 样例：摘自《跨境电子商务零售进口商品清单（2019年版）》及2022年调整的部分税目；生产环境请导入完整清单
04012000,脂肪含量超过1%但未超过6%的未浓缩乳及稀奶油,
04090000,天然蜂蜜,
15092000,特级初榨油橄榄油,
18069000,其他巧克力及含可可的食品,
19011010,供婴幼儿食用的零售包装配方奶粉,须符合婴幼儿配方乳粉产品配方注册要求
19011090,其他供婴幼儿食用的零售包装食品,
19053100,甜饼干,
20095000,番茄汁,2022年调整新增
21011100,咖啡浓缩精汁及以其为基本成分的制品,
21069090,其他编号未列名的食品,按药品管理的除外
22011010,矿泉水,
22041000,葡萄汽酒,
22042100,小包装的鲜葡萄酿造的酒,
33030000,香水及花露水,
33041000,唇用化妆品,
33042000,眼用化妆品,
33049100,粉，不论是否压紧,
33049900,其他美容品或化妆品及护肤品,
33051000,洗发剂（香波）,
33061000,牙膏,
33072000,人体除臭剂及止汗剂,
34013000,洁肤用有机表面活性产品及制品,
42022100,以皮革或再生皮革作面的手提包,
64041100,运动鞋靴,
71162000,宝石或半宝石制品,列入《进出口野生动植物种商品目录》的商品除外
85101000,电动剃须刀,
85163100,电吹风,
90041000,太阳镜,
91012190,其他贵金属表壳自动上弦机械手表,
91021100,机械指示式电子手表,
95030089,其他玩具,
95063100,高尔夫球棍（全套）,
96190011,婴儿尿裤及尿布,
`;
