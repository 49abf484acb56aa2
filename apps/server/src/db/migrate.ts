import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_LOCK_KEY = 7_301_001;

export interface MigrationResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort();
}

/**
 * The migrations not applied yet, read without creating anything: a server started with
 * KOUAN_MIGRATE=false (its role may not create tables) refuses to run on a schema that is behind.
 */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`select to_regclass('schema_migrations')::text as t`.execute(
    db,
  );
  if (!exists.rows[0]?.t) return migrationFiles();
  const done = await sql<{ name: string }>`select name from schema_migrations`.execute(db);
  const applied = new Set(done.rows.map((row) => row.name));
  return migrationFiles().filter((name) => !applied.has(name));
}

/**
 * Applies the versioned `.sql` files in order, each in its own transaction, under an advisory lock
 * so that two processes starting together do not race. A file changed after it was applied is an
 * error: migrations are history too.
 */
export async function migrate(db: Kysely<Database>): Promise<MigrationResult> {
  const files = migrationFiles();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(
        conn,
      );
      const done = await sql<{
        name: string;
        checksum: string;
      }>`select name, checksum from schema_migrations`.execute(conn);
      const known = new Map(done.rows.map((row) => [row.name, row.checksum]));
      const applied: string[] = [];
      for (const name of files) {
        const text = readFileSync(path.join(MIGRATIONS_DIR, name), 'utf8');
        const checksum = createHash('sha256').update(text).digest('hex');
        const previous = known.get(name);
        if (previous !== undefined) {
          if (previous !== checksum) throw new Error(`migration ${name} was changed after it was applied`);
          continue;
        }
        await conn.transaction().execute(async (trx) => {
          await sql.raw(text).execute(trx);
          await sql`insert into schema_migrations (name, checksum) values (${name}, ${checksum})`.execute(
            trx,
          );
        });
        applied.push(name);
      }
      return { applied, alreadyApplied: known.size };
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}
