import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

export interface Secrets {
  readonly piiKey: Buffer;
  readonly piiHashKey: Buffer;
  readonly evidenceSigningKeyPem: string;
}

interface StoredSecrets {
  piiKey: string;
  piiHashKey: string;
  evidenceSigningKeyPem: string;
}

/**
 * Secrets from configuration; any not configured are generated once and kept in
 * `<dataDir>/secrets.json` (mode 0600), so the embedded default survives restarts.
 * A deployment on PostgreSQL should configure all three (see docs/operations.md).
 */
export function resolveSecrets(config: Config): Secrets {
  const { secrets } = config;
  const file = path.join(config.dataDir, 'secrets.json');
  let stored: StoredSecrets | undefined;
  if (!secrets.piiKeyBase64 || !secrets.piiHashKeyBase64 || !secrets.evidenceSigningKeyPem) {
    stored = readOrCreate(file);
  }
  return {
    piiKey: Buffer.from(secrets.piiKeyBase64 ?? stored!.piiKey, 'base64'),
    piiHashKey: Buffer.from(secrets.piiHashKeyBase64 ?? stored!.piiHashKey, 'base64'),
    evidenceSigningKeyPem: secrets.evidenceSigningKeyPem ?? stored!.evidenceSigningKeyPem,
  };
}

/**
 * The secrets as configured or kept, never creating any: for tools that must not change a
 * deployment they are pointed at (evidence:verify). Throws, naming what is missing.
 */
export function readSecrets(config: Config): Secrets {
  const { secrets } = config;
  const file = path.join(config.dataDir, 'secrets.json');
  let stored: Partial<StoredSecrets> = {};
  if (!secrets.piiKeyBase64 || !secrets.piiHashKeyBase64 || !secrets.evidenceSigningKeyPem) {
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredSecrets>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const piiKey = secrets.piiKeyBase64 ?? stored.piiKey;
  const piiHashKey = secrets.piiHashKeyBase64 ?? stored.piiHashKey;
  const evidenceSigningKeyPem = secrets.evidenceSigningKeyPem ?? stored.evidenceSigningKeyPem;
  if (!piiKey || !piiHashKey || !evidenceSigningKeyPem) {
    throw new Error(
      `the deployment's keys are neither configured (KOUAN_PII_KEY, KOUAN_PII_HASH_KEY, KOUAN_EVIDENCE_SIGNING_KEY) nor kept in ${file}`,
    );
  }
  return {
    piiKey: Buffer.from(piiKey, 'base64'),
    piiHashKey: Buffer.from(piiHashKey, 'base64'),
    evidenceSigningKeyPem,
  };
}

function readOrCreate(file: string): StoredSecrets {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const created: StoredSecrets = {
    piiKey: randomBytes(32).toString('base64'),
    piiHashKey: randomBytes(32).toString('base64'),
    evidenceSigningKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return created;
}
