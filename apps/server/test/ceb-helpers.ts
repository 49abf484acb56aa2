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

/** Files an active enterprise party under `customsCode` with an organisation (for fixture senders). */
export async function enterpriseFor(t: TestPlatform, customsCode: string, n: number) {
  const { fileParties } = await import('../src/features/parties');
  const { systemActor } = await import('../src/lib/actor');
  const { newId } = await import('../src/lib/ids');
  const { usciCheckCharacter } = await import('@kouan/domain/identifiers');
  const repos = t.platform.store.repos;
  const actor = systemActor('req_test', 'test');
  const existing = await repos.parties.findByCustomsCodes([customsCode]);
  const body = `91330100MA2${String(n).padStart(6, '0')}`;
  const party =
    existing[0] ??
    (
      await fileParties({ store: t.platform.store, vault: t.platform.deps.vault, clock: t.clock }, actor, {
        parties: [
          {
            kind: 'ebc',
            legalForm: 'organisation',
            name: `测试企业${customsCode}`,
            usci: body + usciCheckCharacter(body),
            customsCode,
          },
        ],
      })
    )[0];
  const name = `测试企业组织${customsCode}`;
  const known = await repos.identity.findOrganisationByName(name);
  if (known) return { orgId: known.id, partyId: (party as { id: string }).id };
  const orgId = newId('org');
  await repos.identity.insertOrganisation({
    id: orgId,
    kind: 'enterprise',
    department: null,
    name,
    jurisdictionDistrictCode: null,
    partyId: null,
    createdAt: t.clock.now(),
  });
  await repos.identity.linkOrganisationParty(orgId, (party as { id: string }).id);
  return { orgId, partyId: (party as { id: string }).id };
}
