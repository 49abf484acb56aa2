/** Migrations at start, or — KOUAN_MIGRATE=false, a role that may not create tables — only the check that none is pending. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import type { DbHandle } from '../../src/db/client';
import { migrate, pendingMigrations } from '../../src/db/migrate';
import { startPlatform } from '../../src/platform';
import { openTestDatabase } from '../harness';

let db: DbHandle;
let drop: () => Promise<void>;
let closed = false;
beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
});
afterAll(async () => {
  if (!closed) await db?.close();
  await drop?.();
});

describe('KOUAN_MIGRATE=false', () => {
  it('refuses to start on a schema that is behind, naming what to run; starts once it is current', async () => {
    const pending = await pendingMigrations(db.db);
    expect(pending[0]).toBe('0001_foundation.sql');
    const config = loadConfig({
      KOUAN_MIGRATE: 'false',
      KOUAN_DEMO: 'false',
      KOUAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'kouan-migrate-')),
    });
    await expect(startPlatform({ config, db, logger: false, checkpointTimer: false })).rejects.toThrow(
      /schema is behind \(KOUAN_MIGRATE=false\): run npm run migrate for 0001_foundation.sql/,
    );
    // nothing was created by the check
    expect(await pendingMigrations(db.db)).toEqual(pending);
    await migrate(db.db);
    expect(await pendingMigrations(db.db)).toEqual([]);
    const platform = await startPlatform({ config, db, logger: false, checkpointTimer: false });
    expect(platform.config.migrateOnStart).toBe(false);
    closed = true;
    await platform.close();
  });
});
