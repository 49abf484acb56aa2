import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createPglite, createPostgres, type DbHandle } from '../src/db/client';
import type { Database } from '../src/db/schema';

export type BenchDb = 'pglite' | 'postgres';

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

export function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const LOCAL_SOCKET_DIR = '/var/run/postgresql';

/**
 * The local server through its Unix socket when there is one (what a deployment with PostgreSQL on
 * the same machine uses: loopback TCP roughly halves COPY's rate here), else 127.0.0.1:5432.
 * BENCH_DATABASE_URL overrides it.
 */
function defaultServer(): string {
  return existsSync(path.join(LOCAL_SOCKET_DIR, '.s.PGSQL.5432'))
    ? `postgres://postgres@localhost/test?host=${LOCAL_SOCKET_DIR}`
    : 'postgres://postgres@127.0.0.1:5432/test';
}

/** A fresh database for one benchmark run: PGlite in a temp directory, or a new database on the server. */
export async function freshDb(
  kind: BenchDb,
): Promise<{ handle: DbHandle; url?: string; pglite?: PGlite; connection: string; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kouan-bench-'));
    const handle = await createPglite(dir);
    return {
      handle,
      ...(handle.pglite ? { pglite: handle.pglite } : {}),
      connection: 'in process',
      drop: async () => handle.close(),
    };
  }
  const server = process.env.BENCH_DATABASE_URL ?? defaultServer();
  const name = `kouan_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = await createPostgres(url.toString());
  return {
    handle,
    url: url.toString(),
    connection: url.searchParams.get('host')?.startsWith('/')
      ? `unix socket ${url.searchParams.get('host')}`
      : `tcp ${url.host}`,
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** COPY `rows` (tab-separated text lines) into `table`: the raw write limit of the database. */
export async function copyRows(
  db: { kind: BenchDb; url?: string; pglite?: PGlite },
  table: string,
  columns: string,
  lines: string[],
): Promise<number> {
  const text = `${lines.join('\n')}\n`;
  const started = performance.now();
  if (db.kind === 'postgres') {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(`copy ${table} (${columns}) from stdin`));
      stream.on('error', reject);
      stream.on('finish', () => resolve());
      stream.end(text);
    });
    const ms = performance.now() - started;
    await client.end();
    return ms;
  }
  await db.pglite!.query(`copy ${table} (${columns}) from '/dev/blob'`, [], { blob: new Blob([text]) });
  return performance.now() - started;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function writeResults(
  bench: string,
  database: BenchDb,
  figures: Figure[],
  extra: Record<string, unknown> = {},
) {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${bench}-${database}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ bench, database, date: new Date().toISOString(), machine: machine(), ...extra, figures }, null, 2)}\n`,
  );
  return file;
}

export function printFigures(title: string, figures: Figure[]) {
  process.stdout.write(`\n${title}\n`);
  for (const f of figures) {
    const value = Number.isInteger(f.value)
      ? f.value.toLocaleString('en-US')
      : f.value.toLocaleString('en-US', { maximumFractionDigits: 3 });
    process.stdout.write(`  ${f.name.padEnd(58)} ${value.padStart(14)} ${f.unit}\n`);
  }
}

/** Linux reports process CPU in clock ticks of 1/100 s (USER_HZ). */
export const TICKS_PER_SECOND = 100;

/** The PostgreSQL server processes serving this database (PGlite runs inside this process). */
export async function serverPids(handle: Kysely<Database>, kind: BenchDb): Promise<number[]> {
  if (kind !== 'postgres') return [];
  const rows = await sql<{ pid: number }>`select pid from pg_stat_activity
    where datname = current_database()`.execute(handle);
  return rows.rows.map((r) => Number(r.pid));
}

/**
 * User + system CPU ticks of the given local processes (/proc), or undefined when they cannot be
 * read (server on another machine, not Linux). CPU per entry is what the same run on a busy machine
 * still measures fairly: elapsed time includes waiting for other programs.
 */
export function cpuTicks(pids: readonly number[]): number | undefined {
  if (pids.length === 0) return undefined;
  let total = 0;
  for (const pid of new Set(pids)) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += Number(fields[11]) + Number(fields[12]);
    } catch {
      return undefined;
    }
  }
  return total;
}
