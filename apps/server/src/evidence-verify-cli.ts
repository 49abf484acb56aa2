import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { noteVerifierFromKey } from '@kouan/domain/evidence';
import { sql } from 'kysely';
import { loadConfig } from './config/config';
import { readSecrets } from './config/secrets';
import { createDb, type DbHandle } from './db/client';
import { createStore } from './db/store';
import { createEvidenceSigner, logVerifierKeys } from './features/evidence/evidence-signer';
import { type OutsideCheckpoint, verifyLog } from './features/evidence/verify-log';
import { createPiiVault } from './lib/pii';

/**
 * Maintenance command (`npm run evidence:verify [-- --checkpoint FILE …] [--public-key KEY …]`):
 * re-verifies the whole stored evidence log against the latest signed checkpoint, and against
 * checkpoints kept outside the database (an auditor's copies, `--checkpoint`), and names the first
 * bad entry or node. Exit 0 when intact, 1 when not, 2 when it cannot run (no database there, keys
 * missing, bad arguments). It changes nothing: it opens an existing database only and creates no
 * keys. Checkpoints are verified with the deployment's key and its retired keys, or with the keys
 * given by `--public-key` (verifier keys as GET /api/public/evidence/public-key lists them).
 */
const USAGE = 'usage: npm run evidence:verify [-- --checkpoint FILE ...] [--public-key VERIFIER_KEY ...]';

async function openExisting(config: ReturnType<typeof loadConfig>): Promise<DbHandle> {
  if (!config.databaseUrl && !existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) {
    throw new Error(
      `there is no embedded database in ${config.dataDir} (KOUAN_DATA_DIR) and no DATABASE_URL`,
    );
  }
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const tables = await sql<{ present: boolean }>`select to_regclass('evidence_bundles') is not null
      and to_regclass('evidence_checkpoints') is not null as present`.execute(handle.db);
  if (!tables.rows[0]?.present) {
    await handle.close();
    throw new Error(`${handle.location} holds no evidence ledger (was it migrated?)`);
  }
  return handle;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      checkpoint: { type: 'string', multiple: true },
      'public-key': { type: 'string', multiple: true },
    },
    allowPositionals: false,
  });
  const config = loadConfig();
  const secrets = readSecrets(config);
  const keys = values['public-key']?.length
    ? values['public-key']
    : logVerifierKeys(
        createEvidenceSigner({
          keyName: config.evidence.keyName,
          privateKeyPem: secrets.evidenceSigningKeyPem,
        }),
        config.evidence.retiredVerifierKeys,
      );
  const verifiers = keys.map((k) => noteVerifierFromKey(k));
  const outside: OutsideCheckpoint[] = (values.checkpoint ?? []).map((file) => ({
    label: `the checkpoint in ${file}`,
    note: readFileSync(file, 'utf8'),
  }));
  const handle = await openExisting(config);
  try {
    const result = await verifyLog({
      store: createStore(handle.db),
      vault: createPiiVault(secrets),
      verifiers,
      outside,
    });
    const checkpoints = [
      ...(result.treeSize > 0 ? [`the stored checkpoint of size ${result.treeSize}`] : []),
      ...outside.map((c) => c.label),
    ];
    const against = checkpoints.length > 0 ? checkpoints.join(', ') : 'no checkpoint (none is stored)';
    const summary = `${handle.location}: checked ${result.entriesChecked} entries and ${result.nodesChecked} stored nodes against ${against}`;
    if (result.ok) {
      process.stdout.write(`OK  ${summary}; the log is intact.\n`);
      return 0;
    }
    process.stdout.write(`BAD ${summary}.\n    first problem: ${result.problem}\n`);
    return 1;
  } finally {
    await handle.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`evidence:verify could not run: ${message}\n${USAGE}\n`);
  process.exitCode = 2;
}
