/**
 * Demo traffic for `npm start`: the demo enterprises (platform, e-commerce enterprise, payment,
 * logistics, customs broker) send realistic import sets through the same intake as the API — mostly
 * valid ones, and the faults enterprises typically make: an amount that does not match, a purchase over
 * the single-transaction limit, a message from the wrong sender, goods not on the positive list, the
 * same order number twice, another enterprise's code in ebpCode. Inventories are signed with the demo keys registered for each enterprise.
 */
import { signCebXml } from '@kouan/domain/xmldsig';
import type { Store } from '../db/store';
import type { CebIntakeService, CebSubmission } from '../features/ceb';
import { actorFor } from '../features/identity';
import type { Actor } from '../lib/actor';
import type { Clock } from '../lib/clock';
import { buildSampleSet, type SampleLine, type SampleSet } from './ceb-sample-sets';
import { loadDemoSigningKeys } from './demo-certificates';
import type { DemoCredentials } from './seed-demo';

/** Sets played at start, then one every `intervalMs`. */
export const DEMO_INITIAL_SETS = 24;
export const DEMO_TRAFFIC_INTERVAL_MS = 15_000;

const GOODS: readonly SampleLine[] = [
  { gcode: '1901101000', name: 'a2 白金版婴儿配方奶粉 1段 900克', qty: '2', price: '169.00' },
  { gcode: '2106909090', name: 'Swisse 维生素C泡腾片 60片', qty: '1', price: '60.00' },
  { gcode: '3304990099', name: '雅诗兰黛 特润修护精华露 50毫升', qty: '1', price: '620.00' },
  { gcode: '0409000000', name: '康维他 UMF10+ 麦卢卡蜂蜜 250克', qty: '1', price: '229.00' },
  { gcode: '3305100000', name: '卡诗 洗发水 250毫升', qty: '2', price: '158.00' },
  { gcode: '9004100000', name: '雷朋 偏光太阳镜', qty: '1', price: '980.00' },
];
const BUYERS = [
  {
    name: '陈静',
    idNumber: '330302199002143526',
    phone: '13857711234',
    address: '浙江省温州市鹿城区人民路88号3幢1201室',
  },
  {
    name: '林晓东',
    idNumber: '330304198811052719',
    phone: '13968801122',
    address: '浙江省温州市瓯海区娄桥街道古岸头路16号',
  },
  {
    name: '王丽华',
    idNumber: '330382199305207624',
    phone: '15057789900',
    address: '浙江省温州市乐清市城南街道旭阳路6号',
  },
];

type Fault = 'valid' | 'amount' | 'over-limit' | 'wrong-sender' | 'not-listed' | 'duplicate' | 'wrong-kind';
const PATTERN: readonly Fault[] = [
  'valid',
  'valid',
  'amount',
  'valid',
  'over-limit',
  'valid',
  'wrong-sender',
  'valid',
  'not-listed',
  'valid',
  'duplicate',
  'valid',
  'wrong-kind',
  'valid',
];

export interface DemoTraffic {
  stop(): void;
  /** Resolves when the initial burst has been played. */
  readonly ready: Promise<void>;
}

export async function startDemoCebTraffic(deps: {
  intake: CebIntakeService;
  store: Store;
  clock: Clock;
  demo: DemoCredentials;
  dataDir: string;
  onError?: (error: unknown) => void;
}): Promise<DemoTraffic> {
  const keys = loadDemoSigningKeys(deps.dataDir);
  const roles = {
    ebp: 'ebp',
    ebc: 'ebc',
    payment: 'payment',
    logistics: 'logistics',
    agent: 'broker',
  } as const;
  const parties = {} as Record<keyof typeof roles, { code: string; name: string }>;
  const actors = {} as Record<keyof typeof roles, Actor>;
  for (const [role, key] of Object.entries(roles) as [keyof typeof roles, string][]) {
    const e = deps.demo.enterprises.find((x) => x.key === key);
    const org = e ? await deps.store.repos.identity.getOrganisation(e.organisationId) : undefined;
    if (!e?.customsCode || !org) throw new Error(`demo enterprise ${key} is missing`);
    parties[role] = { code: e.customsCode, name: e.name };
    actors[role] = actorFor({
      type: 'api_key',
      id: `demo_${key}`,
      displayName: `${e.name}（演示流量）`,
      roles: ['enterprise_system'],
      org,
      requestId: `req_demo_ceb_${key}`,
    });
  }
  const brokerKey = keys.find((k) => k.enterpriseKey === 'broker');
  const sign = (xml: string) =>
    brokerKey
      ? signCebXml({
          xml,
          privateKeyPem: brokerKey.privateKeyPem,
          certificatePem: brokerKey.certificatePem,
          algorithm: brokerKey.algorithm,
        })
      : xml;
  const runId = deps.clock.now().getTime().toString(36).toUpperCase();
  let n = 0;
  let previous: SampleSet | undefined;

  function nextSet(): CebSubmission[] {
    const k = n++;
    const fault = PATTERN[k % PATTERN.length] as Fault;
    const lines: SampleLine[] =
      fault === 'over-limit'
        ? [
            { ...GOODS[2]!, qty: '6' },
            { ...GOODS[5]!, qty: '2' },
          ]
        : fault === 'not-listed'
          ? [{ gcode: '8703231990', name: '电动平衡车', qty: '1', price: '2999.00' }]
          : [GOODS[k % GOODS.length]!, GOODS[(k + 1) % GOODS.length]!].slice(0, 1 + (k % 2));
    const set = buildSampleSet({
      // A system that maps the wrong code into ebpCode (the logistics enterprise's): -10101.
      parties: fault === 'wrong-kind' ? { ...parties, ebp: parties.logistics } : parties,
      orderNo: `DEMO${runId}${String(k).padStart(5, '0')}`,
      logisticsNo: `YT${runId}${String(k).padStart(6, '0')}`,
      payTransactionId: `OP${runId}${String(k).padStart(8, '0')}`,
      buyer: BUYERS[k % BUYERS.length]!,
      lines,
      at: deps.clock.now(),
      ...(fault === 'amount' ? { amountPaidOverride: '1.00' } : {}),
      ...(fault === 'not-listed' ? { taxTotal: '0' } : {}),
      signInventory: sign,
    });
    const enc = (xml: string) => new TextEncoder().encode(xml);
    const items: CebSubmission[] = [
      { actor: fault === 'wrong-sender' ? actors.payment : actors.ebc, body: enc(set.order), format: 'xml' },
      { actor: actors.payment, body: enc(set.payment), format: 'xml' },
      { actor: actors.logistics, body: enc(set.waybill), format: 'xml' },
      { actor: actors.agent, body: enc(set.inventory), format: 'xml' },
    ];
    if (fault === 'duplicate' && previous) {
      // The same order number again in a new message (new guid): refused with -301010.
      items.push({
        actor: actors.ebc,
        body: enc(previous.order.replace(/guid="[^"]+"/, `guid="${crypto.randomUUID().toUpperCase()}"`)),
        format: 'xml',
      });
    }
    previous = set;
    return items;
  }

  const play = async (sets: number) => {
    for (let i = 0; i < sets; i++) for (const item of nextSet()) await deps.intake.submit(item);
  };
  const ready = play(DEMO_INITIAL_SETS).catch((error) => deps.onError?.(error));
  const timer = setInterval(() => {
    play(1).catch((error) => deps.onError?.(error));
  }, DEMO_TRAFFIC_INTERVAL_MS);
  timer.unref();
  return { ready, stop: () => clearInterval(timer) };
}
