import { type Config, loadConfig } from './config/config';
import { resolveSecrets } from './config/secrets';
import { createDb, type DbHandle } from './db/client';
import { migrate, pendingMigrations } from './db/migrate';
import { createStore, type Store } from './db/store';
import { cebIntakeDeps, createCebIntakeService, rejectExpiredInventories } from './features/ceb';
import { createCheckpointer } from './features/evidence/checkpointer';
import { createEvidenceSigner, logVerifierKeys, publicKeyPem } from './features/evidence/evidence-signer';
import { issueCheckpoint } from './features/evidence/issue-checkpoint';
import { type BuiltApp, buildApp } from './http/app';
import type { AppDeps } from './http/deps';
import { type Clock, systemClock } from './lib/clock';
import { createPiiVault } from './lib/pii';

/** How often inventories waiting too long for their set are rejected. */
const CEB_EXPIRY_INTERVAL_MS = 60_000;

export interface Platform {
  readonly config: Config;
  readonly db: DbHandle;
  readonly store: Store;
  readonly deps: AppDeps;
  readonly built: BuiltApp;
  close(): Promise<void>;
}

/**
 * The composition root's body: database, migrations, secrets, evidence signer, checkpointer and
 * the HTTP app, wired by hand. main.ts and the integration tests both start Kouan through here.
 */
export async function startPlatform(options: {
  config?: Config;
  db?: DbHandle;
  clock?: Clock;
  logger?: boolean;
  logStream?: NodeJS.WritableStream;
  checkpointTimer?: boolean;
}): Promise<Platform> {
  const config = options.config ?? loadConfig();
  const db = options.db ?? (await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  if (config.migrateOnStart) await migrate(db.db);
  else {
    const pending = await pendingMigrations(db.db);
    if (pending.length > 0)
      throw new Error(
        `the database schema is behind (KOUAN_MIGRATE=false): run npm run migrate for ${pending.join(', ')}`,
      );
  }
  const secrets = resolveSecrets(config);
  const clock = options.clock ?? systemClock;
  const store = createStore(db.db);
  const vault = createPiiVault(secrets);
  const signer = createEvidenceSigner({
    keyName: config.evidence.keyName,
    privateKeyPem: secrets.evidenceSigningKeyPem,
  });
  logVerifierKeys(signer, config.evidence.retiredVerifierKeys);
  const issue = () => issueCheckpoint({ store, signer, origin: config.evidence.origin, clock });
  let built: BuiltApp | undefined;
  const checkpointer = createCheckpointer({
    issue,
    intervalSeconds: config.evidence.checkpointIntervalSeconds,
    onError: (error) => built?.app.log.error({ err: error }, 'checkpoint failed'),
  });
  const baseDeps: AppDeps = {
    config,
    databaseKind: db.kind,
    store,
    vault,
    clock,
    signer,
    publicKeyPem: publicKeyPem(secrets.evidenceSigningKeyPem),
    issueCheckpoint: issue,
    afterWrite: () => checkpointer.notify(),
  };
  // The CEB intake is shared by the HTTP routes and the demo traffic; its time-out job runs here.
  const cebIntake = createCebIntakeService(cebIntakeDeps(baseDeps));
  const deps: AppDeps = { ...baseDeps, cebIntake };
  // Background jobs run with the checkpoint timer (tests switch both off and drive them directly).
  const cebExpiry =
    options.checkpointTimer === false
      ? undefined
      : setInterval(() => {
          rejectExpiredInventories(cebIntake.deps).catch((error: unknown) =>
            built?.app.log.error({ err: error }, 'CEB set time-out job failed'),
          );
        }, CEB_EXPIRY_INTERVAL_MS);
  cebExpiry?.unref();
  built = await buildApp(deps, {
    logger: options.logger ?? true,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  if (options.checkpointTimer !== false) checkpointer.start();
  return {
    config,
    db,
    store,
    deps,
    built,
    async close() {
      clearInterval(cebExpiry);
      await checkpointer.stop();
      await built?.app.close();
      await db.close();
    },
  };
}
