import { usciCheckCharacter } from '@kouan/domain/identifiers';
import { containerCheckDigit } from '@kouan/domain/procurement';
import type { PartyInput } from '../features/parties';

/** Size of the demo market week (about what one Wenzhou market cluster registers in a week). */
export const DEMO_WEEK = {
  suppliers: 200,
  extraOperators: 4,
  purchasers: 50,
  manufacturers: 10,
  productsPerSupplier: 2,
  transactions: 2_000,
  transactionsPerContainer: 40,
  seed: 20_261_116,
} as const;

/** Deterministic pseudo-random numbers (mulberry32): the same seed gives the same week. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const usci = (body17: string) => body17 + usciCheckCharacter(body17);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

const TRADES = ['鞋业', '眼镜', '服饰', '箱包', '打火机', '五金', '灯饰', '文具', '玩具', '纽扣'];
export const GOODS: readonly {
  trade: string;
  name: string;
  hsCode: string;
  unit: string;
  priceCny: number;
}[] = [
  { trade: '鞋业', name: '男式皮鞋', hsCode: '6403990000', unit: '双', priceCny: 68 },
  { trade: '鞋业', name: '运动鞋', hsCode: '6404110000', unit: '双', priceCny: 45 },
  { trade: '眼镜', name: '塑料框太阳镜', hsCode: '9004100000', unit: '副', priceCny: 12 },
  { trade: '眼镜', name: '金属眼镜架', hsCode: '9003191000', unit: '副', priceCny: 25 },
  { trade: '服饰', name: '针织衫', hsCode: '6110200000', unit: '件', priceCny: 35 },
  { trade: '服饰', name: '棉质T恤', hsCode: '6109100000', unit: '件', priceCny: 18 },
  { trade: '箱包', name: '手提包', hsCode: '4202210000', unit: '个', priceCny: 55 },
  { trade: '箱包', name: '旅行箱', hsCode: '4202111000', unit: '个', priceCny: 120 },
  { trade: '打火机', name: '一次性打火机', hsCode: '9613100000', unit: '个', priceCny: 0.8 },
  { trade: '打火机', name: '金属打火机', hsCode: '9613200000', unit: '个', priceCny: 9.5 },
  { trade: '五金', name: '不锈钢餐具', hsCode: '8215200000', unit: '套', priceCny: 22 },
  { trade: '五金', name: '门锁', hsCode: '8301401000', unit: '个', priceCny: 30 },
  { trade: '灯饰', name: 'LED灯泡', hsCode: '8539520000', unit: '个', priceCny: 6.5 },
  { trade: '灯饰', name: '台灯', hsCode: '9405200000', unit: '个', priceCny: 38 },
  { trade: '文具', name: '圆珠笔', hsCode: '9608101000', unit: '支', priceCny: 0.6 },
  { trade: '文具', name: '笔记本', hsCode: '4820100000', unit: '本', priceCny: 3.2 },
  { trade: '玩具', name: '塑料玩具车', hsCode: '9503008900', unit: '个', priceCny: 8 },
  { trade: '玩具', name: '毛绒玩具', hsCode: '9503002100', unit: '个', priceCny: 15 },
  { trade: '纽扣', name: '塑料纽扣', hsCode: '9606210000', unit: '千克', priceCny: 28 },
  { trade: '纽扣', name: '拉链', hsCode: '9607110000', unit: '条', priceCny: 0.9 },
];

export function demoSuppliers(zoneIds: readonly string[]): PartyInput[] {
  // One fewer than the week's stalls: the demo supplier enterprise is the first stall.
  return Array.from({ length: DEMO_WEEK.suppliers - 1 }, (_, i) => ({
    kind: 'supplier',
    legalForm: 'organisation',
    name: `温州市鹿城区${['恒', '瑞', '新', '华', '鑫', '盛', '佳', '宏'][i % 8]}${['达', '源', '丰', '泰', '隆'][i % 5]}${TRADES[i % TRADES.length]}商行${pad(i + 1, 3)}`,
    usci: usci(`92330302DM${pad(i + 1, 7)}`),
    zoneId: zoneIds[i % zoneIds.length]!,
    stallNo: `${'ABCDEF'[i % 6]}${1 + (i % 4)}-${pad(100 + i, 3)}`,
  }));
}

export function demoOperators(): PartyInput[] {
  const names = [
    '温州东瓯市场采购贸易有限公司',
    '温州鹿港外贸服务有限公司',
    '温州瓯江口国际贸易有限公司',
    '温州南塘采购贸易有限公司',
  ];
  return names.map((name, i) => ({
    kind: 'trade_operator',
    legalForm: 'organisation',
    name,
    usci: usci(`91330302TP${pad(i + 1, 7)}`),
    customsCode: `3303961${pad(i + 1, 3)}`,
    districtCode: '330302',
  }));
}

const NATIONALITIES = [
  'EG',
  'RU',
  'UA',
  'NG',
  'KZ',
  'AE',
  'SA',
  'IN',
  'PK',
  'BR',
  'MX',
  'CL',
  'TR',
  'KE',
  'GH',
  'PL',
  'ES',
  'IT',
  'ZA',
  'IQ',
];
const GIVEN = [
  'Ahmed',
  'Ivan',
  'Olena',
  'Chinedu',
  'Aigerim',
  'Omar',
  'Fahad',
  'Ravi',
  'Imran',
  'Lucas',
  'Carlos',
  'Camila',
  'Mehmet',
  'Wanjiru',
  'Kwame',
  'Piotr',
  'Lucia',
  'Marco',
  'Thabo',
  'Ali',
];
const FAMILY = [
  'Hassan',
  'Petrov',
  'Shevchenko',
  'Okafor',
  'Nurlanovna',
  'Haddad',
  'Al-Otaibi',
  'Sharma',
  'Qureshi',
  'Silva',
  'Hernandez',
  'Rojas',
  'Yilmaz',
  'Mwangi',
  'Mensah',
  'Nowak',
  'Garcia',
  'Rossi',
  'Ndlovu',
  'Karim',
];

export function demoPurchasers(): PartyInput[] {
  return Array.from({ length: DEMO_WEEK.purchasers }, (_, i) => {
    const nationality = NATIONALITIES[i % NATIONALITIES.length]!;
    return {
      kind: 'purchaser',
      legalForm: 'individual',
      name: `${GIVEN[i % GIVEN.length]} ${FAMILY[(i * 7 + Math.floor(i / GIVEN.length)) % FAMILY.length]}`,
      nationality,
      passport: { number: `D${pad(20_260_000 + i, 8)}`, nationality },
    };
  });
}

export function demoManufacturers(): PartyInput[] {
  return Array.from({ length: DEMO_WEEK.manufacturers }, (_, i) => ({
    kind: 'manufacturer',
    legalForm: 'organisation',
    name: `温州${['瓯海', '龙湾', '鹿城', '永嘉', '乐清'][i % 5]}${TRADES[i % TRADES.length]}制造厂${pad(i + 1, 2)}`,
    usci: usci(`91330304MF${pad(i + 1, 7)}`),
  }));
}

/** A valid ISO 6346 container number for demo container `index`. */
export function demoContainerNo(owner: string, index: number): string {
  const firstTen = `${owner}U${pad(200_000 + index * 37, 6)}`;
  return `${firstTen}${containerCheckDigit(firstTen)}`;
}
