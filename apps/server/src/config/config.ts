import path from 'node:path';
import { noteVerifierFromKey } from '@kouan/domain/evidence';

/** Everything Kouan reads from the environment, parsed once at start. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly dataDir: string;
  /** postgres://… selects a PostgreSQL server; undefined means embedded PGlite in `dataDir/pg`. */
  readonly databaseUrl: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly sessionTtlSeconds: number;
  readonly bodyLimitBytes: number;
  readonly demo: boolean;
  /** Apply migrations at start (KOUAN_MIGRATE); when false the schema must already be current. */
  readonly migrateOnStart: boolean;
  /** Secrets given in the environment; missing ones are generated and kept in the data directory. */
  readonly secrets: {
    readonly piiKeyBase64: string | undefined;
    readonly piiHashKeyBase64: string | undefined;
    readonly evidenceSigningKeyPem: string | undefined;
  };
  readonly evidence: {
    readonly origin: string;
    readonly keyName: string;
    /**
     * Verifier keys (C2SP `<name>+<key id>+<base64>`) of signing keys retired by rotation: the
     * checkpoints they signed stay verifiable by re-verification and are published with the key.
     */
    readonly retiredVerifierKeys: readonly string[];
    readonly checkpointIntervalSeconds: number;
  };
  /** Cross-border e-commerce intake (features/ceb). */
  readonly ceb: {
    /** Release an accepted inventory at once when every check passed and customs holds nothing. */
    readonly autoRelease: boolean;
    /** How long an inventory waits for its order, payment and waybill before it is rejected. */
    readonly setTimeoutMinutes: number;
    /** A payer other than the buyer: flag for verification (warn) or refuse (reject). */
    readonly payerMismatch: 'warn' | 'reject';
    /** Longest a request waits for others to share its transaction (group commit). */
    readonly batchWaitMs: number;
  };
  /** How the CEB intake treats message signatures (spec section 6). */
  readonly cebSignaturePolicy: CebSignaturePolicy;
}

/**
 * `required`: a declaration (appStatus 2) without a valid signature is refused; `verify-if-present`:
 * a signature that is there must verify, a missing one is accepted; `off`: signatures are not checked.
 */
export const CEB_SIGNATURE_POLICIES = ['required', 'verify-if-present', 'off'] as const;
export type CebSignaturePolicy = (typeof CEB_SIGNATURE_POLICIES)[number];

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean, problems: string[]) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push(`${name} must be true or false, got "${raw}"`);
  return fallback;
}

function payerMismatch(env: Env, problems: string[]): 'warn' | 'reject' {
  const raw = env.KOUAN_CEB_PAYER_MISMATCH || 'warn';
  if (raw === 'warn' || raw === 'reject') return raw;
  problems.push(`KOUAN_CEB_PAYER_MISMATCH must be warn or reject, got "${raw}"`);
  return 'warn';
}

/** Parses the environment; throws one ConfigError listing every bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const port = integer(env, 'PORT', 3000, 0, 65535, problems);
  const host = env.HOST || '127.0.0.1';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const piiKeyBase64 = env.KOUAN_PII_KEY || undefined;
  const piiHashKeyBase64 = env.KOUAN_PII_HASH_KEY || undefined;
  for (const [name, value] of [
    ['KOUAN_PII_KEY', piiKeyBase64],
    ['KOUAN_PII_HASH_KEY', piiHashKeyBase64],
  ] as const) {
    if (value !== undefined && Buffer.from(value, 'base64').length !== 32) {
      problems.push(`${name} must be 32 bytes, base64-encoded`);
    }
  }
  const signingKey = env.KOUAN_EVIDENCE_SIGNING_KEY || undefined;
  if (signingKey !== undefined && !signingKey.includes('BEGIN PRIVATE KEY')) {
    problems.push('KOUAN_EVIDENCE_SIGNING_KEY must be a PKCS#8 PEM Ed25519 private key');
  }
  const cebSignaturePolicy = (env.KOUAN_CEB_SIGNATURE_POLICY || 'verify-if-present') as CebSignaturePolicy;
  if (!CEB_SIGNATURE_POLICIES.includes(cebSignaturePolicy)) {
    problems.push(`KOUAN_CEB_SIGNATURE_POLICY must be one of ${CEB_SIGNATURE_POLICIES.join(', ')}`);
  }
  // A tlog-checkpoint is signed under its origin's name (C2SP; kouan-verify checks it): a key name
  // other than the origin would make every evidence package fail offline verification.
  const evidenceOrigin = env.KOUAN_EVIDENCE_ORIGIN || 'kouan.local/evidence';
  const evidenceKeyName = env.KOUAN_EVIDENCE_KEY_NAME || evidenceOrigin;
  if (evidenceKeyName !== evidenceOrigin) {
    problems.push(
      `KOUAN_EVIDENCE_KEY_NAME (${evidenceKeyName}) must equal KOUAN_EVIDENCE_ORIGIN (${evidenceOrigin}): checkpoints are verified under their origin's name`,
    );
  }
  const retiredVerifierKeys = (env.KOUAN_EVIDENCE_RETIRED_KEYS ?? '').split(/[\s,]+/).filter((k) => k !== '');
  for (const key of retiredVerifierKeys) {
    try {
      const verifier = noteVerifierFromKey(key);
      if (verifier.name !== evidenceOrigin) {
        problems.push(
          `KOUAN_EVIDENCE_RETIRED_KEYS: ${key} is named ${verifier.name}, not the origin ${evidenceOrigin}`,
        );
      }
    } catch (error) {
      problems.push(`KOUAN_EVIDENCE_RETIRED_KEYS: ${key} is not a verifier key: ${(error as Error).message}`);
    }
  }
  const config: Config = {
    host,
    port,
    publicUrl: env.KOUAN_PUBLIC_URL || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    // npm sets INIT_CWD to where `npm start` was typed (the repository root), not the workspace.
    dataDir: path.resolve(env.INIT_CWD || cwd, env.KOUAN_DATA_DIR || 'data'),
    databaseUrl,
    logLevel,
    sessionTtlSeconds: integer(env, 'KOUAN_SESSION_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600, problems),
    bodyLimitBytes: integer(
      env,
      'KOUAN_BODY_LIMIT_BYTES',
      10 * 1024 * 1024,
      1024,
      100 * 1024 * 1024,
      problems,
    ),
    demo: boolean(env, 'KOUAN_DEMO', true, problems),
    migrateOnStart: boolean(env, 'KOUAN_MIGRATE', true, problems),
    secrets: { piiKeyBase64, piiHashKeyBase64, evidenceSigningKeyPem: signingKey },
    evidence: {
      origin: evidenceOrigin,
      keyName: evidenceKeyName,
      retiredVerifierKeys,
      checkpointIntervalSeconds: integer(env, 'KOUAN_CHECKPOINT_INTERVAL_SECONDS', 10, 1, 3600, problems),
    },
    ceb: {
      autoRelease: boolean(env, 'KOUAN_CEB_AUTO_RELEASE', true, problems),
      setTimeoutMinutes: integer(env, 'KOUAN_CEB_SET_TIMEOUT_MINUTES', 24 * 60, 1, 30 * 24 * 60, problems),
      payerMismatch: payerMismatch(env, problems),
      batchWaitMs: integer(env, 'KOUAN_CEB_BATCH_WAIT_MS', 2, 0, 1000, problems),
    },
    cebSignaturePolicy,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
