import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DbHandle {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** Human-readable location, without credentials. */
  readonly location: string;
  /** The embedded engine itself, for tools that need its COPY (benchmarks); undefined on a server. */
  readonly pglite?: PGlite;
  close(): Promise<void>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const DATE_OID = 1082;
const BYTEA_OID = 17;
const POOL_SIZE = 10;

/** Opens the configured database: a PostgreSQL server when `databaseUrl` is set, else embedded PGlite. */
export async function createDb(options: {
  databaseUrl?: string | undefined;
  dataDir?: string;
}): Promise<DbHandle> {
  if (options.databaseUrl) return createPostgres(options.databaseUrl);
  return createPglite(options.dataDir);
}

/**
 * Embedded PGlite. `dataDir` undefined keeps the database in memory (tests).
 * int8 is read as a JS number (ledger indexes stay far below 2^53); numeric and date stay strings.
 */
export async function createPglite(dataDir: string | undefined): Promise<DbHandle> {
  let dir: string | undefined;
  if (dataDir) {
    dir = path.join(dataDir, 'pg');
    mkdirSync(dir, { recursive: true });
  }
  // bytea parameters as hex in one native call (PGlite's own serializer formats byte by byte,
  // which costs ~1 ms per 100 KB: an evidence bundle's leaves).
  const pglite = new PGlite(dir, {
    serializers: {
      [BYTEA_OID]: (value: Uint8Array) =>
        `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`,
    },
  });
  await pglite.waitReady;
  const parsers = {
    [INT8_OID]: (value: string) => Number(value),
    [NUMERIC_OID]: (value: string) => value,
    [DATE_OID]: (value: string) => value,
  };
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, parsers) });
  return {
    db,
    kind: 'pglite',
    pglite,
    location: dir ? `embedded PGlite at ${dir}` : 'embedded PGlite in memory',
    close: () => db.destroy(),
  };
}

export async function createPostgres(databaseUrl: string): Promise<DbHandle> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: POOL_SIZE,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8_OID) return (value: string) => Number(value);
        if (oid === DATE_OID) return (value: string) => value;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection (server restart, admin termination) is discarded by
  // the pool and the next query reconnects; without a listener Node would crash the process.
  pool.on('error', () => undefined);
  // Fail at start, not at the first request, when the server cannot be reached.
  const client = await pool.connect();
  client.release();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const url = new URL(databaseUrl);
  return {
    db,
    kind: 'postgres',
    location: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`,
    close: () => db.destroy(),
  };
}
