import { signCebXml } from '@kouan/domain/xmldsig';
import { buildSampleSet, type SampleParties, type SampleSetInput } from '../src/workflows/ceb-sample-sets';
import { loadDemoSigningKeys } from '../src/workflows/demo-certificates';
import type { DemoCredentials } from '../src/workflows/seed-demo';
import type { TestPlatform, TestResponse } from './harness';

export function demoParties(demo: DemoCredentials): SampleParties {
  const p = (key: string) => {
    const e = demo.enterprises.find((x) => x.key === key);
    if (!e?.customsCode) throw new Error(`demo enterprise ${key} has no customs code`);
    return { code: e.customsCode, name: e.name };
  };
  return {
    ebp: p('ebp'),
    ebc: p('ebc'),
    payment: p('payment'),
    logistics: p('logistics'),
    agent: p('broker'),
  };
}

/** Signs a message with a demo enterprise's registered key (as its system would). */
export function signAs(t: TestPlatform, enterprise: string, xml: string): string {
  const key = loadDemoSigningKeys(t.dataDir).find((k) => k.enterpriseKey === enterprise);
  if (!key) throw new Error(`no demo signing key for ${enterprise}`);
  return signCebXml({
    xml,
    privateKeyPem: key.privateKeyPem,
    certificatePem: key.certificatePem,
    algorithm: key.algorithm,
  });
}

let counter = 0;
export function sampleSet(t: TestPlatform, overrides: Partial<SampleSetInput> = {}) {
  counter += 1;
  const n = `${Date.now() % 1_000_000}${String(counter).padStart(5, '0')}`;
  return buildSampleSet({
    parties: demoParties(t.demo),
    orderNo: `ORD${n}`,
    logisticsNo: `YT${n}`,
    payTransactionId: `PAY${n}`,
    buyer: {
      name: '张伟',
      idNumber: '330106198803150417',
      phone: '13812345678',
      address: '浙江省杭州市西湖区文三路478号',
    },
    lines: [
      { gcode: '1901101000', name: '婴儿配方奶粉 900克', qty: '2', price: '169.00' },
      { gcode: '2106909090', name: '维生素C泡腾片 60片', qty: '1', price: '60.00' },
    ],
    at: t.clock.now(),
    signInventory: (xml) => signAs(t, 'broker', xml),
    ...overrides,
  });
}

/** Which demo enterprise sends each message of a set. */
export const SENDER = {
  order: 'ebc',
  payment: 'payment',
  waybill: 'logistics',
  inventory: 'broker',
} as const;

export async function post(
  t: TestPlatform,
  enterprise: string,
  xml: string,
  options: { json?: boolean; dryRun?: boolean; contentType?: string } = {},
): Promise<TestResponse> {
  return t.request('POST', `/api/ceb/messages${options.dryRun ? '?dryRun=true' : ''}`, {
    apiKey: t.apiKey(enterprise),
    body: xml,
    headers: {
      'content-type': options.contentType ?? 'application/xml',
      ...(options.json ? { accept: 'application/json' } : {}),
    },
  });
}

/** The returnStatus of every unit of a JSON receipt. */
export function statuses(body: Record<string, { [k: string]: unknown }>): string[] {
  const message = Object.values(body)[0] as Record<string, unknown>;
  const unitsKey = Object.keys(message).find((k) => Array.isArray(message[k]));
  const units = (unitsKey ? message[unitsKey] : [message.MessageReturn]) as { returnStatus: string }[];
  return units.map((u) => u.returnStatus);
}
