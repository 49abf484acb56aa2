import { signCebXml } from '@kouan/domain/xmldsig';
import { ROLE_KINDS, type RoleField } from '../src/features/ceb/unit-spec';
import type { PartyKind } from '../src/features/parties';
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
export async function enterpriseFor(
  t: TestPlatform,
  customsCode: string,
  n: number,
  kind: PartyKind = 'ebc',
) {
  const { fileParties } = await import('../src/features/parties');
  const { systemActor } = await import('../src/lib/actor');
  const { newId } = await import('../src/lib/ids');
  const { usciCheckCharacter } = await import('@kouan/domain/identifiers');
  const repos = t.platform.store.repos;
  const actor = systemActor('req_test', 'test');
  const existing = await repos.parties.findByCustomsCodes([customsCode]);
  const body = `91330100MA2${String(n).padStart(6, '0')}`;
  const party =
    existing.find((p) => p.kind === kind) ??
    (
      await fileParties({ store: t.platform.store, vault: t.platform.deps.vault, clock: t.clock }, actor, {
        parties: [
          {
            kind,
            legalForm: 'organisation',
            name: `测试企业${customsCode}`,
            usci: body + usciCheckCharacter(body),
            customsCode,
          },
        ],
      })
    )[0];
  const name = `测试企业组织${customsCode}${kind === 'ebc' ? '' : kind}`;
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

/**
 * Files every party an official-format fixture names and an organisation for its sender (copCode);
 * `n` keeps the generated USCIs of different fixtures apart. Returns the sender's organisation.
 */
export async function fileFixtureParties(t: TestPlatform, text: string, n: number) {
  const copCode = /<(?:ceb:)?copCode>([^<]+)</.exec(text)?.[1];
  if (!copCode) throw new Error('fixture has no copCode');
  // Each code is filed as the kind of the field it stands in; a field that takes one kind only
  // (ebpCode, logisticsCode…) decides over one that takes several (agentCode).
  const kinds = new Map<string, { kind: PartyKind; only: boolean }>();
  for (const m of text.matchAll(
    /<(?:ceb:)?(ebpCode|ebcCode|payCode|logisticsCode|agentCode|operatorCode|declAgentCode|assureCode)>([^<]+)</g,
  )) {
    const allowed: readonly PartyKind[] = ROLE_KINDS[m[1] as RoleField];
    const code = m[2] as string;
    const only = allowed.length === 1;
    if (code === '无' || (kinds.has(code) && (kinds.get(code)?.only || !only))) continue;
    kinds.set(code, { kind: allowed[0] as PartyKind, only });
  }
  let i = n;
  for (const [code, { kind }] of kinds) if (code !== copCode) await enterpriseFor(t, code, i++, kind);
  return enterpriseFor(t, copCode, i, kinds.get(copCode)?.kind ?? 'ebc');
}

let buyerCounter = 0;
/** A distinct buyer (its own annual quota). */
export function freshBuyer() {
  buyerCounter += 1;
  return {
    name: '李娜',
    idNumber: `33010619900101${String(buyerCounter % 1000).padStart(3, '0')}X`,
    phone: '13900001111',
    address: '上海市浦东新区张江路88弄5号602室',
  };
}

/** Posts the four documents of a set in order; returns the inventory's JSON receipt unit. */
export async function submitSet(
  t: TestPlatform,
  set: { order: string; payment: string; waybill: string; inventory: string },
  order: readonly ('order' | 'payment' | 'waybill' | 'inventory')[] = [
    'order',
    'payment',
    'waybill',
    'inventory',
  ],
) {
  const answers: Record<string, TestResponse> = {};
  for (const kind of order) answers[kind] = await post(t, SENDER[kind], set[kind], { json: true });
  const inv = answers.inventory?.body?.CEB622Message?.InventoryReturn?.[0] as
    | { returnStatus: string; returnInfo: string; invtNo?: string }
    | undefined;
  return { answers, inventory: inv };
}

/** A new API key of an organisation (a test enterprise system's key). */
export async function apiKeyFor(t: TestPlatform, orgId: string, label: string): Promise<string> {
  const { createApiKey } = await import('../src/features/identity/api-keys');
  const { systemActor } = await import('../src/lib/actor');
  const { key } = await createApiKey(
    { store: t.platform.store, clock: t.clock },
    systemActor('req_test', 'test'),
    { label, orgId },
  );
  return key;
}

/** A CEB623 cancel of a declared inventory, signed by the declarant (the demo broker). */
export function cancelXml(
  t: TestPlatform,
  input: { orderNo: string; logisticsNo: string; invtNo: string; buyer: ReturnType<typeof freshBuyer> },
) {
  const p = demoParties(t.demo);
  const e = (n: string, v: string) => `<ceb:${n}>${v}</ceb:${n}>`;
  const body = `<?xml version="1.0" encoding="UTF-8"?><ceb:CEB623Message guid="${crypto.randomUUID().toUpperCase()}" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb"><ceb:InvtCancel>${e('guid', crypto.randomUUID().toUpperCase())}${e('appType', '1')}${e('appTime', '20261120100000')}${e('appStatus', '2')}${e('customsCode', '2991')}${e('orderNo', input.orderNo)}${e('ebpCode', p.ebp.code)}${e('ebpName', p.ebp.name)}${e('ebcCode', p.ebc.code)}${e('ebcName', p.ebc.name)}${e('logisticsNo', input.logisticsNo)}${e('logisticsCode', p.logistics.code)}${e('logisticsName', p.logistics.name)}${e('invtNo', input.invtNo)}${e('buyerIdType', '1')}${e('buyerIdNumber', input.buyer.idNumber)}${e('buyerName', input.buyer.name)}${e('buyerTelephone', input.buyer.phone)}${e('agentCode', p.agent.code)}${e('agentName', p.agent.name)}${e('reason', '消费者取消订单')}</ceb:InvtCancel><ceb:BaseTransfer>${e('copCode', p.agent.code)}${e('copName', p.agent.name)}${e('dxpMode', 'DXP')}${e('dxpId', 'DXPENT0000000004')}</ceb:BaseTransfer></ceb:CEB623Message>`;
  return signAs(t, 'broker', body);
}

/** The actor a demo enterprise's API key resolves to (for calling the use-cases directly). */
export async function actorOf(t: TestPlatform, enterprise: string) {
  const { actorFor } = await import('../src/features/identity/resolve-actor');
  const e = t.demo.enterprises.find((x) => x.key === enterprise);
  if (!e) throw new Error(`no demo enterprise ${enterprise}`);
  const org = await t.platform.store.repos.identity.getOrganisation(e.organisationId);
  if (!org) throw new Error('no organisation');
  return actorFor({
    type: 'api_key',
    id: `key_${enterprise}`,
    displayName: e.name,
    roles: ['enterprise_system'],
    org,
    requestId: `req_${enterprise}`,
  });
}

/** A CEB625 return of released goods (lines: gnum, gcode, qty), signed by the declarant. */
export function refundXml(
  t: TestPlatform,
  input: {
    orderNo: string;
    logisticsNo: string;
    invtNo: string;
    buyer: ReturnType<typeof freshBuyer>;
    lines: { gnum: number; gcode: string; qty: string }[];
    appType?: '1' | '2' | '3';
  },
) {
  const p = demoParties(t.demo);
  const e = (n: string, v: string) => `<ceb:${n}>${v}</ceb:${n}>`;
  const lines = input.lines
    .map(
      (l) =>
        `<ceb:InvtRefundList>${e('gnum', String(l.gnum))}${e('gcode', l.gcode)}${e('gname', '退货商品')}${e('qty', l.qty)}${e('unit', '142')}</ceb:InvtRefundList>`,
    )
    .join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?><ceb:CEB625Message guid="${crypto.randomUUID().toUpperCase()}" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb"><ceb:InvtRefund><ceb:InvtRefundHead>${e('guid', crypto.randomUUID().toUpperCase())}${e('appType', input.appType ?? '1')}${e('appTime', '20261120100000')}${e('appStatus', '2')}${e('customsCode', '2991')}${e('orderNo', input.orderNo)}${e('ebpCode', p.ebp.code)}${e('ebpName', p.ebp.name)}${e('ebcCode', p.ebc.code)}${e('ebcName', p.ebc.name)}${e('logisticsNo', input.logisticsNo)}${e('logisticsCode', p.logistics.code)}${e('logisticsName', p.logistics.name)}${e('invtNo', input.invtNo)}${e('buyerIdType', '1')}${e('buyerIdNumber', input.buyer.idNumber)}${e('buyerName', input.buyer.name)}${e('buyerTelephone', input.buyer.phone)}${e('agentCode', p.agent.code)}${e('agentName', p.agent.name)}${e('reason', '商品破损')}</ceb:InvtRefundHead>${lines}</ceb:InvtRefund><ceb:BaseTransfer>${e('copCode', p.agent.code)}${e('copName', p.agent.name)}${e('dxpMode', 'DXP')}${e('dxpId', 'DXPENT0000000004')}</ceb:BaseTransfer></ceb:CEB625Message>`;
  return signAs(t, 'broker', body);
}
