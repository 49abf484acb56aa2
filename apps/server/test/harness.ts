import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config/config';
import { createPglite, createPostgres, type DbHandle } from '../src/db/client';
import type { Database } from '../src/db/schema';
import { createStore, type Store } from '../src/db/store';
import { fixedClock } from '../src/lib/clock';
import { type Platform, startPlatform } from '../src/platform';
import { DEMO_PASSWORD } from '../src/workflows/demo-data';
import { type DemoCredentials, seedDemo } from '../src/workflows/seed-demo';

/** Which database the integration suite runs on: `KOUAN_TEST_DB=pglite|postgres`. */
export const TEST_DB = (process.env.KOUAN_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests.
type Json = any;

export interface TestResponse {
  readonly status: number;
  readonly body: Json;
  readonly text: string;
  /** The body's bytes as sent (text is them decoded as UTF-8). */
  readonly raw: Buffer;
  readonly headers: Record<string, unknown>;
}

export interface TestPlatform {
  readonly platform: Platform;
  readonly demo: DemoCredentials;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly dataDir: string;
  /** Another store on the same database: what a second server process would see and do. */
  otherStore(): Store;
  /** The database itself (for checks inside one transaction of the test's own). */
  readonly kysely: Kysely<Database>;
  /** A raw SQL connection to the same database (for checks the API cannot make). */
  sql<R = Record<string, unknown>>(text: string): Promise<R[]>;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    options?: { token?: string; apiKey?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  login(username: string): Promise<string>;
  apiKey(enterpriseKey: string): string;
  close(): Promise<void>;
}

/**
 * A fresh empty database for one test file: in-memory PGlite, or a new database on the PostgreSQL
 * server that `drop` removes. The server must be reachable: the suite fails, it never skips.
 */
export async function openTestDatabase(): Promise<{ db: DbHandle; drop: () => Promise<void> }> {
  if (TEST_DB === 'pglite') return { db: await createPglite(undefined), drop: async () => undefined };
  const name = `kouan_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect().catch((error: Error) => {
    throw new Error(`PostgreSQL test server ${SERVER_URL} is unreachable: ${error.message}`);
  });
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    db: await createPostgres(url.toString()),
    drop: async () => {
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * A fresh Kouan on a fresh database (in-memory PGlite, or a new database on the PostgreSQL server
 * that is dropped afterwards), with the demo data loaded. The PostgreSQL server must be reachable:
 * the suite fails, it never skips. `env` adds configuration variables (e.g. KOUAN_CEB_AUTO_RELEASE).
 */
export async function startTestPlatform(
  options: { env?: Record<string, string> } = {},
): Promise<TestPlatform> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kouan-test-'));
  const clock = fixedClock(new Date('2026-11-20T02:00:00Z'));
  const { db, drop: dropDatabase } = await openTestDatabase();
  const config = loadConfig({
    KOUAN_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    KOUAN_DEMO: 'true',
    ...options.env,
  });
  const platform = await startPlatform({ config, db, clock, logger: false, checkpointTimer: false });
  const demo = await seedDemo(
    { store: platform.store, vault: platform.deps.vault, clock },
    { dataDir, url: 'http://test' },
  );
  const { app } = platform.built;
  const tokens = new Map<string, string>();

  const request: TestPlatform['request'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    const res = await app.inject({
      method,
      url,
      headers,
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });
    let body: unknown;
    try {
      body = res.json();
    } catch {
      body = undefined;
    }
    return { status: res.statusCode, body, text: res.body, raw: res.rawPayload, headers: res.headers };
  };

  return {
    platform,
    demo,
    clock,
    dataDir,
    otherStore: () => createStore(db.db),
    kysely: db.db,
    async sql(text) {
      const result = await sql.raw(text).execute(db.db);
      return result.rows as never;
    },
    request,
    async login(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await request('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.text}`);
      tokens.set(username, res.body.token);
      return res.body.token as string;
    },
    apiKey(enterpriseKey) {
      const e = demo.enterprises.find((x) => x.key === enterpriseKey);
      if (!e) throw new Error(`no demo enterprise ${enterpriseKey}`);
      return e.apiKey;
    },
    async close() {
      await platform.close();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
