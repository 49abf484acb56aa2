import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSelfSignedCertificate, describeCertificate } from '@kouan/domain/xmldsig';
import type { Store } from '../db/store';
import { findSigningCertificates, registerCertificate } from '../features/parties';
import { systemActor } from '../lib/actor';
import type { Clock } from '../lib/clock';
import type { PiiVault } from '../lib/pii';

/** Demo enterprises that send CEB messages (and therefore sign them). */
export const DEMO_SIGNING_ENTERPRISES = [
  'ebp',
  'ebc',
  'logistics',
  'payment',
  'warehouse',
  'broker',
] as const;

export const DEMO_SIGNING_KEYS_FILE = 'demo-signing-keys.json';
const DAY_MS = 86_400_000;
/** Demo certificates are valid from a day before the seed for two years; renewed when expired. */
const DEMO_CERTIFICATE_DAYS = 730;

export interface DemoSigningKey {
  readonly enterpriseKey: string;
  readonly partyId: string;
  readonly algorithm: 'rsa-sha1';
  readonly certificateId: string;
  readonly serialNumber: string;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

interface KeysFile {
  readonly version: 1;
  readonly keys: DemoSigningKey[];
}

/** The demo signing keys written at seed time, or an empty list if there are none yet. */
export function loadDemoSigningKeys(dataDir: string): DemoSigningKey[] {
  const file = path.join(dataDir, DEMO_SIGNING_KEYS_FILE);
  if (!existsSync(file)) return [];
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeysFile>;
    return parsed.version === 1 && Array.isArray(parsed.keys) ? parsed.keys : [];
  } catch {
    return [];
  }
}

/**
 * Gives every demo enterprise that sends CEB messages an RSA-2048 signing certificate registered in
 * the parties registry, and keeps the private keys in `<dataDir>/demo-signing-keys.json` (mode 0600)
 * so the demo traffic can sign. Idempotent: a key already in the file is reused, and registered again
 * only if this database does not know it (a fresh database on an old data directory).
 */
export async function ensureDemoCertificates(
  deps: { store: Store; vault: PiiVault; clock: Clock },
  input: { dataDir: string; enterprises: readonly { key: string; partyId: string }[] },
): Promise<DemoSigningKey[]> {
  const actor = systemActor('req_demo_certificates', 'demo-seed');
  const previous = loadDemoSigningKeys(input.dataDir);
  const now = deps.clock.now();
  const keys: DemoSigningKey[] = [];
  for (const enterpriseKey of DEMO_SIGNING_ENTERPRISES) {
    const enterprise = input.enterprises.find((e) => e.key === enterpriseKey);
    if (!enterprise) continue;
    const registered = await findSigningCertificates(deps, [enterprise.partyId]);
    const known = previous.find((k) => k.enterpriseKey === enterpriseKey && k.partyId === enterprise.partyId);
    const knownDescription = known ? describeCertificate(known.certificatePem) : undefined;
    const usable =
      known &&
      knownDescription &&
      !('error' in knownDescription) &&
      knownDescription.notAfter.getTime() > now.getTime();
    if (known && usable) {
      const inDb = registered.find((c) => c.pem.trim() === known.certificatePem.trim());
      if (inDb) {
        keys.push({ ...known, certificateId: inDb.id });
        continue;
      }
      const view = await registerCertificate(deps, actor, {
        partyId: enterprise.partyId,
        pem: known.certificatePem,
      });
      keys.push({ ...known, certificateId: view.id });
      continue;
    }
    const made = createSelfSignedCertificate({
      algorithm: 'rsa-sha1',
      commonName: `Kouan demo signer ${enterpriseKey}`,
      organization: 'Kouan demo',
      serialNumber: BigInt(`0x${randomBytes(8).toString('hex')}`) | 1n,
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter: new Date(now.getTime() + DEMO_CERTIFICATE_DAYS * DAY_MS),
    });
    const view = await registerCertificate(deps, actor, {
      partyId: enterprise.partyId,
      pem: made.certificatePem,
    });
    keys.push({
      enterpriseKey,
      partyId: enterprise.partyId,
      algorithm: 'rsa-sha1',
      certificateId: view.id,
      serialNumber: view.serialNumber,
      certificatePem: made.certificatePem,
      privateKeyPem: made.privateKeyPem,
    });
  }
  const file: KeysFile = { version: 1, keys };
  writeFileSync(path.join(input.dataDir, DEMO_SIGNING_KEYS_FILE), `${JSON.stringify(file, null, 2)}\n`, {
    mode: 0o600,
  });
  return keys;
}
