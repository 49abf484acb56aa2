import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import type { Store } from '../db/store';
import { seedReferenceSamples } from '../features/ceb';
import { createApiKey, hashSecret } from '../features/identity';
import { applyRecognition, createZone, decideRecognition, fileParties } from '../features/parties';
import { PLATFORM_ORG_ID, systemActor } from '../lib/actor';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { PiiVault } from '../lib/pii';
import { ensureDemoCertificates } from './demo-certificates';
import {
  DEMO_ENTERPRISES,
  DEMO_OPERATOR_FILINGS,
  DEMO_PASSWORD,
  DEMO_REGULATORS,
  DEMO_ZONES,
} from './demo-data';

export interface DemoCredentials {
  readonly url: string;
  readonly docs: string;
  readonly password: string;
  readonly users: { username: string; displayName: string; role: string; organisation: string }[];
  readonly enterprises: {
    key: string;
    name: string;
    kind: string;
    organisationId: string;
    partyId: string;
    usci: string | null;
    customsCode: string | null;
    apiKey: string;
  }[];
  readonly zones: { id: string; code: string; name: string }[];
}

type Deps = { store: Store; vault: PiiVault; clock: Clock };

async function ensureOrg(
  deps: Deps,
  org: {
    name: string;
    kind: 'platform' | 'regulator' | 'enterprise';
    department: string | null;
    jurisdiction: string | null;
    id?: string;
  },
) {
  const { identity } = deps.store.repos;
  const existing = await identity.findOrganisationByName(org.name);
  if (existing) return existing.id;
  const id = org.id ?? newId('org');
  await identity.insertOrganisation({
    id,
    kind: org.kind,
    department: org.department,
    name: org.name,
    jurisdictionDistrictCode: org.jurisdiction,
    partyId: null,
    createdAt: deps.clock.now(),
  });
  return id;
}

async function ensureUser(
  deps: Deps,
  user: { orgId: string; username: string; displayName: string; role: string },
  passwordHash: string,
) {
  const { identity } = deps.store.repos;
  if (await identity.findUserByUsername(user.username)) return;
  await identity.insertUser({
    id: newId('user'),
    orgId: user.orgId,
    username: user.username,
    displayName: user.displayName,
    passwordHash,
    roles: [user.role],
    createdAt: deps.clock.now(),
  });
}

/**
 * Loads the demo dataset: the platform, the regulators of a city with their officers, market
 * cluster zones, demo enterprises (filed, operator recognised) with users and API keys. Running it
 * again changes nothing (everything is looked up by its natural key first); API keys already
 * written to demo-credentials.json are kept while they still work.
 */
export async function seedDemo(
  deps: Deps,
  input: { dataDir: string; url: string },
): Promise<DemoCredentials> {
  const actor = systemActor('req_demo_seed', 'demo-seed');
  const passwordHash = await hash(DEMO_PASSWORD);
  const users: DemoCredentials['users'] = [];
  const platformId = await ensureOrg(deps, {
    id: PLATFORM_ORG_ID,
    name: '口岸平台运营中心',
    kind: 'platform',
    department: null,
    jurisdiction: null,
  });
  await ensureUser(
    deps,
    { orgId: platformId, username: 'admin', displayName: '平台管理员', role: 'platform_admin' },
    passwordHash,
  );
  users.push({
    username: 'admin',
    displayName: '平台管理员',
    role: 'platform_admin',
    organisation: '口岸平台运营中心',
  });
  for (const reg of DEMO_REGULATORS) {
    const orgId = await ensureOrg(deps, {
      name: reg.name,
      kind: 'regulator',
      department: reg.department,
      jurisdiction: reg.jurisdiction,
    });
    for (const u of reg.users) {
      await ensureUser(deps, { orgId, ...u }, passwordHash);
      users.push({ ...u, organisation: reg.name });
    }
  }

  const zones: DemoCredentials['zones'] = [];
  for (const z of DEMO_ZONES) {
    const zone = (await deps.store.repos.parties.getZoneByCode(z.code)) ?? (await createZone(deps, actor, z));
    zones.push({ id: zone.id, code: zone.code, name: zone.name });
  }

  const previous = readPrevious(input.dataDir);
  const enterprises: DemoCredentials['enterprises'] = [];
  for (const e of DEMO_ENTERPRISES) {
    const orgId = await ensureOrg(deps, {
      name: e.party.name,
      kind: 'enterprise',
      department: null,
      jurisdiction: null,
    });
    await ensureUser(
      deps,
      { orgId, username: e.username, displayName: e.displayName, role: 'enterprise_admin' },
      passwordHash,
    );
    users.push({
      username: e.username,
      displayName: e.displayName,
      role: 'enterprise_admin',
      organisation: e.party.name,
    });
    const org = await deps.store.repos.identity.getOrganisation(orgId);
    let partyId = org?.partyId ?? null;
    if (!partyId) {
      const { zoneCode, ...party } = e.party;
      const zoneId = zones.find((z) => z.code === zoneCode)?.id;
      const [filed] = await fileParties(deps, actor, {
        parties: [{ ...party, ...(zoneId ? { zoneId } : {}) }],
      });
      partyId = filed!.id;
      await deps.store.repos.identity.linkOrganisationParty(orgId, partyId);
    }
    const known = previous?.enterprises.find((p) => p.key === e.key);
    const stillValid =
      known && (await deps.store.repos.identity.findOrgByApiKey(hashSecret(known.apiKey)))?.id === orgId;
    const apiKey = stillValid
      ? known.apiKey
      : (await createApiKey(deps, actor, { label: 'demo', orgId })).key;
    enterprises.push({
      key: e.key,
      name: e.party.name,
      kind: e.party.kind,
      organisationId: orgId,
      partyId,
      usci: e.party.usci ?? null,
      customsCode: e.party.customsCode ?? null,
      apiKey,
    });
  }

  const operator = enterprises.find((e) => e.key === 'operator')!;
  const operatorParty = await deps.store.repos.parties.getParty(operator.partyId, { kind: 'all' });
  if (operatorParty && operatorParty.recognition === null) {
    await applyRecognition(deps, actor, {
      partyId: operator.partyId,
      statement: '申请认定为市场采购贸易经营者（演示数据）',
    });
  }
  if (operatorParty && operatorParty.recognition !== 'recognised') {
    await decideRecognition(deps, actor, {
      partyId: operator.partyId,
      decision: 'recognise',
      reason: '材料齐全，符合认定条件（演示数据）',
    });
  }
  const operatorActor = { ...actor, orgId: operator.organisationId };
  const missing = [];
  for (const p of DEMO_OPERATOR_FILINGS) {
    const found = await deps.store.repos.parties.findParties(
      { name: p.name, nameHash: deps.vault.blindIndex('name', p.name), kind: p.kind, offset: 0, limit: 1 },
      { kind: 'all' },
    );
    if (found.total === 0) missing.push(p);
  }
  if (missing.length > 0) await fileParties(deps, operatorActor, { parties: missing });
  await seedReferenceSamples(deps, actor, '2019-01-01');

  await ensureDemoCertificates(deps, { dataDir: input.dataDir, enterprises });
  const credentials: DemoCredentials = {
    url: input.url,
    docs: `${input.url}/docs`,
    password: DEMO_PASSWORD,
    users,
    enterprises,
    zones,
  };
  writeFileSync(
    path.join(input.dataDir, 'demo-credentials.json'),
    `${JSON.stringify(credentials, null, 2)}\n`,
    { mode: 0o600 },
  );
  return credentials;
}

function readPrevious(dataDir: string): DemoCredentials | undefined {
  const file = path.join(dataDir, 'demo-credentials.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials;
  } catch {
    return undefined;
  }
}
