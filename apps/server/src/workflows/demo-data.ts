import type { Department, Role } from '@kouan/domain/access/permissions';
import { usciCheckCharacter } from '@kouan/domain/identifiers';
import type { PartyInput, ZoneInput } from '../features/parties';

/** Every demo user's password. Demo data only: a real deployment creates its own users. */
export const DEMO_PASSWORD = 'Kouan@2026';

/** A valid USCI from a 17-character body (the check character is computed). */
function usci(body17: string): string {
  return body17 + usciCheckCharacter(body17);
}

export interface DemoRegulator {
  readonly name: string;
  readonly department: Department;
  readonly jurisdiction: string | null;
  readonly users: readonly { username: string; displayName: string; role: Role }[];
}

export const DEMO_REGULATORS: readonly DemoRegulator[] = [
  {
    name: '温州市商务局',
    department: 'commerce',
    jurisdiction: null,
    users: [{ username: 'commerce', displayName: '市商务局 王科长', role: 'regulator_officer' }],
  },
  {
    name: '鹿城区商务局',
    department: 'commerce',
    jurisdiction: '330302',
    users: [{ username: 'lucheng-commerce', displayName: '鹿城区商务局 陈科员', role: 'regulator_officer' }],
  },
  {
    name: '温州海关',
    department: 'customs',
    jurisdiction: null,
    users: [{ username: 'customs', displayName: '温州海关 李关员', role: 'regulator_officer' }],
  },
  {
    name: '温州市市场监督管理局',
    department: 'market',
    jurisdiction: null,
    users: [
      { username: 'market', displayName: '市场监管局 赵科长', role: 'regulator_officer' },
      { username: 'market-viewer', displayName: '市场监管局 查询员', role: 'regulator_viewer' },
    ],
  },
  {
    name: '国家税务总局温州市税务局',
    department: 'tax',
    jurisdiction: null,
    users: [{ username: 'tax', displayName: '税务局 孙科员', role: 'regulator_officer' }],
  },
  {
    name: '国家外汇管理局温州市分局',
    department: 'fx',
    jurisdiction: null,
    users: [{ username: 'fx', displayName: '外汇局 周科员', role: 'regulator_officer' }],
  },
  {
    name: '温州市知识产权局',
    department: 'ip',
    jurisdiction: null,
    users: [{ username: 'ip', displayName: '知识产权局 吴科员', role: 'regulator_officer' }],
  },
  {
    name: '鹿城区人民政府',
    department: 'district',
    jurisdiction: '330302',
    users: [{ username: 'district', displayName: '鹿城区政府 郑主任', role: 'regulator_viewer' }],
  },
];

export const DEMO_ZONES: readonly ZoneInput[] = [
  {
    code: 'WZ-LC-01',
    name: '温州（鹿城）轻工产品交易中心',
    districtCode: '330302',
    districtName: '鹿城区',
    description: '市场采购贸易方式试点市场集聚区，主营鞋服、眼镜、打火机等轻工产品。',
    effectiveFrom: '2019-01-01',
    effectiveTo: null,
  },
  {
    code: 'WZ-LC-02',
    name: '温州鞋都市场',
    districtCode: '330302',
    districtName: '鹿城区',
    description: '鞋类及鞋材专业市场。',
    effectiveFrom: '2019-06-01',
    effectiveTo: null,
  },
  {
    code: 'WZ-OH-01',
    name: '瓯海眼镜城',
    districtCode: '330304',
    districtName: '瓯海区',
    description: '眼镜及配件专业市场。',
    effectiveFrom: '2020-03-01',
    effectiveTo: null,
  },
];

export interface DemoEnterprise {
  readonly key: string;
  readonly party: Omit<PartyInput, 'zoneId'> & { zoneCode?: string };
  readonly username: string;
  readonly displayName: string;
}

export const DEMO_ENTERPRISES: readonly DemoEnterprise[] = [
  {
    key: 'operator',
    username: 'operator',
    displayName: '瓯越外贸 业务员',
    party: {
      kind: 'trade_operator',
      legalForm: 'organisation',
      name: '温州瓯越市场采购贸易有限公司',
      usci: usci('91330302MA2AB1C3X'),
      customsCode: '3303960A01',
      districtCode: '330302',
    },
  },
  {
    key: 'supplier',
    username: 'supplier',
    displayName: '鹿城鞋业商行 店主',
    party: {
      kind: 'supplier',
      legalForm: 'organisation',
      name: '温州市鹿城区鹏程鞋业商行',
      usci: usci('92330302MA2CD4E5F'),
      zoneCode: 'WZ-LC-01',
      stallNo: 'A1-108',
    },
  },
  {
    key: 'broker',
    username: 'broker',
    displayName: '瓯江报关 报关员',
    party: {
      kind: 'customs_broker',
      legalForm: 'organisation',
      name: '温州瓯江报关有限公司',
      usci: usci('91330300MA2EF6G7H'),
      customsCode: '3303980B02',
      districtCode: '330302',
    },
  },
  {
    key: 'ebp',
    username: 'ebp',
    displayName: '瓯购平台 运维',
    party: {
      kind: 'ebp',
      legalForm: 'organisation',
      name: '温州瓯购跨境电子商务平台有限公司',
      usci: usci('91330301MA2GH8J9K'),
      customsCode: '3303960C03',
    },
  },
  {
    key: 'ebc',
    username: 'ebc',
    displayName: '海淘优选 运营',
    party: {
      kind: 'ebc',
      legalForm: 'organisation',
      name: '温州海淘优选贸易有限公司',
      usci: usci('91330304MA2JK1L2M'),
      customsCode: '3303960D04',
    },
  },
  {
    key: 'logistics',
    username: 'logistics',
    displayName: '飞鹰物流 调度',
    party: {
      kind: 'logistics',
      legalForm: 'organisation',
      name: '温州飞鹰国际物流有限公司',
      usci: usci('91330303MA2LM3N4P'),
      customsCode: '3303960E05',
    },
  },
  {
    key: 'payment',
    username: 'payment',
    displayName: '瓯付支付 对账',
    party: {
      kind: 'payment',
      legalForm: 'organisation',
      name: '瓯付支付服务有限公司',
      usci: usci('91330300MA2NP5Q6R'),
      customsCode: '3303960F06',
    },
  },
  {
    key: 'warehouse',
    username: 'warehouse',
    displayName: '综保区仓库 仓管',
    party: {
      kind: 'bonded_warehouse',
      legalForm: 'organisation',
      name: '温州综保区保税仓储有限公司',
      usci: usci('91330381MA2QR7T8U'),
      customsCode: '3303960G07',
    },
  },
];

/** Parties the operator files for its business: foreign purchasers and a manufacturer. */
export const DEMO_OPERATOR_FILINGS: readonly PartyInput[] = [
  {
    kind: 'purchaser',
    legalForm: 'individual',
    name: 'Ahmed Hassan',
    nationality: 'EG',
    passport: { number: 'A12345678', nationality: 'EG' },
    phone: '+20 100 123 4567',
  },
  {
    kind: 'purchaser',
    legalForm: 'individual',
    name: 'Olena Kovalenko',
    nationality: 'UA',
    passport: { number: 'FE123456', nationality: 'UA' },
  },
  { kind: 'purchaser', legalForm: 'organisation', name: 'Lagos Trading Ltd', nationality: 'NG' },
  {
    kind: 'manufacturer',
    legalForm: 'organisation',
    name: '温州市瓯海精工眼镜厂',
    usci: usci('91330304MA2TU9W1Y'),
  },
];
