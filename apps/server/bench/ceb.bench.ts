/**
 * npm run bench:ceb [-- --db pglite|postgres --sets 2000 --minutes M --batch 50 --concurrency 4 --sign]
 *
 * N realistic import sets (order CEB311 + payment CEB411 + waybill CEB511 + inventory CEB621, 1–5 lines,
 * distinct buyers) through the whole intake: parse, format check against the XSD model, sender and party
 * checks, 三单对碰, limits (annual quota in the database), positive list, tax, persistence, lifecycle
 * (auto-release), receipts (each validated), audit and evidence. Batches of `--batch` sets (4 messages
 * each) share one transaction, `--concurrency` batches run at once (4 on PostgreSQL, as the HTTP intake
 * under load does: its micro-batcher starts a batch whenever 200 messages are waiting, up to the pool's
 * 10 connections; 1 on PGlite, whose one connection runs one transaction at a time). With `--minutes`
 * the run repeats until the time is up (memory and rate over time). In the same run, the raw limit:
 * COPY of as many rows, of the same average size, as the pipeline wrote, into the same database.
 */
import { hash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config/config';
import { migrate } from '../src/db/migrate';
import { createStore } from '../src/db/store';
import {
  type CebIntakeDeps,
  type CebSubmission,
  createSetChecks,
  submitCebMessages,
} from '../src/features/ceb';
import { actorFor } from '../src/features/identity/resolve-actor';
import { systemClock } from '../src/lib/clock';
import { createPiiVault } from '../src/lib/pii';
import { buildSampleSet, type SampleLine } from '../src/workflows/ceb-sample-sets';
import { seedDemo } from '../src/workflows/seed-demo';
import {
  argValue,
  type BenchDb,
  copyRows,
  cpuTicks,
  type Figure,
  freshDb,
  percentile,
  printFigures,
  serverPids,
  TICKS_PER_SECOND,
  writeResults,
} from './bench-common';

const database = argValue('db', 'pglite') as BenchDb;
const totalSets = Number(argValue('sets', '2000'));
const minutes = Number(argValue('minutes', '0'));
const batchSets = Number(argValue('batch', '50'));
const concurrency = Number(argValue('concurrency', database === 'postgres' ? '4' : '1'));
const TARGET_SETS_PER_S = 1500;
/** Most rows the raw-limit COPY writes (one string in memory; a 10-minute run writes millions). */
const COPY_SAMPLE_ROWS = 200_000;

const GOODS: readonly SampleLine[] = [
  { gcode: '1901101000', name: '婴儿配方奶粉 900克', qty: '2', price: '169.00' },
  { gcode: '2106909090', name: '维生素C泡腾片 60片', qty: '1', price: '60.00' },
  { gcode: '3304990099', name: '保湿精华液 50毫升', qty: '1', price: '320.00' },
  { gcode: '3305100000', name: '洗发水 400毫升', qty: '2', price: '45.50' },
  { gcode: '1806900000', name: '黑巧克力 100克', qty: '3', price: '19.90' },
  { gcode: '0409000000', name: '麦卢卡蜂蜜 250克', qty: '1', price: '199.00' },
  { gcode: '3306100000', name: '美白牙膏 120克', qty: '4', price: '25.00' },
  { gcode: '9004100000', name: '偏光太阳镜', qty: '1', price: '680.00' },
];

async function main() {
  process.stdout.write(
    `bench:ceb on ${database}: ${totalSets} sets${minutes ? ` repeated for ${minutes} min` : ''}, ${batchSets} sets per transaction, concurrency ${concurrency}\n`,
  );
  const db = await freshDb(database);
  await migrate(db.handle.db);
  // Statements sent to the database (every Kysely query, raw SQL included), for statements per set.
  let statements = 0;
  const counted = db.handle.db.withPlugin({
    transformQuery: (args) => {
      statements++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  const store = createStore(counted);
  const vault = createPiiVault({ piiKey: randomBytes(32), piiHashKey: randomBytes(32) });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kouan-bench-ceb-'));
  const demo = await seedDemo({ store, vault, clock: systemClock }, { dataDir, url: 'http://bench' });
  const config = loadConfig({ KOUAN_DATA_DIR: dataDir });
  const deps: CebIntakeDeps = {
    store,
    vault,
    clock: systemClock,
    config: config.ceb,
    checks: createSetChecks(),
  };
  const party = (key: string) => {
    const e = demo.enterprises.find((x) => x.key === key);
    if (!e?.customsCode) throw new Error(`demo enterprise ${key}`);
    return { code: e.customsCode, name: e.name, orgId: e.organisationId };
  };
  const parties = {
    ebp: party('ebp'),
    ebc: party('ebc'),
    payment: party('payment'),
    logistics: party('logistics'),
    agent: party('broker'),
  };
  const actors: Record<string, ReturnType<typeof actorFor>> = {};
  for (const [role, p] of Object.entries(parties)) {
    const org = await store.repos.identity.getOrganisation(p.orgId);
    actors[role] = actorFor({
      type: 'api_key',
      id: `key_bench_${role}`,
      displayName: role,
      roles: ['enterprise_system'],
      org: org!,
      requestId: 'req_bench',
    });
  }
  const runId = randomBytes(3).toString('hex').toUpperCase();
  let made = 0;
  const makeBatch = (n: number): CebSubmission[] => {
    const items: CebSubmission[] = [];
    for (let i = 0; i < n; i++) {
      const k = made++;
      const lineCount = 1 + (k % 5);
      const lines = Array.from({ length: lineCount }, (_, j) => GOODS[(k + j) % GOODS.length] as SampleLine);
      const set = buildSampleSet({
        parties,
        orderNo: `B${runId}${k}`,
        logisticsNo: `L${runId}${k}`,
        payTransactionId: `P${runId}${k}`,
        buyer: {
          name: '王芳',
          idNumber: `3301061990${String(k).padStart(8, '0')}`,
          phone: '13700001111',
          address: '浙江省温州市鹿城区五马街1号',
        },
        lines,
        at: new Date(),
      });
      const enc = (s: string) => new TextEncoder().encode(s);
      items.push({ actor: actors.ebc!, body: enc(set.order), format: 'xml' });
      items.push({ actor: actors.payment!, body: enc(set.payment), format: 'xml' });
      items.push({ actor: actors.logistics!, body: enc(set.waybill), format: 'xml' });
      items.push({ actor: actors.agent!, body: enc(set.inventory), format: 'xml' });
    }
    return items;
  };

  const latencies: number[] = [];
  const rss: { atSeconds: number; rssMiB: number }[] = [];
  /** Sets completed in each sampling interval, as a rate: whether the rate holds as the database grows. */
  const rate: { atSeconds: number; setsPerS: number }[] = [];
  let completedSets = 0;
  let lastSample = { at: 0, sets: 0 };
  let peakRss = 0;
  let accepted = 0;
  let processedSets = 0;
  const backendPids = await serverPids(db.handle.db, database);
  const backendTicksStart = cpuTicks(backendPids);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const statementsBefore = statements;
  const sample = setInterval(
    () => {
      const r = process.memoryUsage().rss;
      peakRss = Math.max(peakRss, r);
      const at = performance.now() - started;
      rss.push({ atSeconds: Math.round(at / 1000), rssMiB: Math.round(r / 2 ** 20) });
      rate.push({
        atSeconds: Math.round(at / 1000),
        setsPerS: Math.round(((completedSets - lastSample.sets) * 1000) / (at - lastSample.at)),
      });
      lastSample = { at, sets: completedSets };
    },
    minutes ? 10_000 : 1_000,
  );
  const deadline = minutes ? started + minutes * 60_000 : Number.POSITIVE_INFINITY;
  const worker = async () => {
    for (;;) {
      const remaining = minutes ? batchSets : Math.min(batchSets, totalSets - processedSets);
      if (remaining <= 0 || performance.now() > deadline) return;
      processedSets += remaining;
      const items = makeBatch(remaining);
      const t0 = performance.now();
      const results = await submitCebMessages(deps, items);
      const ms = performance.now() - t0;
      completedSets += remaining;
      for (const r of results) {
        latencies.push(ms);
        if (r.messageType === 'CEB621Message' && r.units.every((u) => u.returnStatus === '120')) accepted++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const backendTicks = cpuTicks([...backendPids, ...(await serverPids(db.handle.db, database))]);
  clearInterval(sample);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  latencies.sort((a, b) => a - b);
  const setsPerS = processedSets / seconds;
  const statementsPerSet = (statements - statementsBefore) / Math.max(processedSets, 1);

  // Raw limit: COPY as many rows as the pipeline wrote, of the same average width, into the same database.
  const tables = [
    'ceb_messages',
    'ceb_documents',
    'ceb_inventories',
    'ceb_status_history',
    'ceb_receipts',
    'ceb_doc_numbers',
    'ceb_buyer_usage',
    'ceb_buyer_usage_entries',
    // The ledger stores one bundle row per append slice (its entries and documents) and the Merkle
    // nodes of every 4th level (docs/evidence.md); those are the rows written.
    'evidence_bundles',
    'evidence_nodes',
    'audit_log',
  ];
  let rows = 0;
  let bytes = 0;
  const perTable: Record<string, number> = {};
  const bytesPerTable: Record<string, number> = {};
  for (const table of tables) {
    const r = await sql<{
      n: number;
      b: number;
    }>`select count(*)::int8 as n, coalesce(sum(pg_column_size(t.*)), 0)::int8 as b from ${sql.table(table)} t`.execute(
      db.handle.db,
    );
    rows += Number(r.rows[0]?.n ?? 0);
    perTable[table] = Math.round((Number(r.rows[0]?.n ?? 0) / Math.max(processedSets, 1)) * 100) / 100;
    bytesPerTable[table] = Math.round(Number(r.rows[0]?.b ?? 0) / Math.max(processedSets, 1));
    bytes += Number(r.rows[0]?.b ?? 0);
  }
  const width = Math.max(16, Math.round(bytes / Math.max(rows, 1)));
  await sql`create table bench_copy (k text, body text)`.execute(db.handle.db);
  const filler = 'x'.repeat(Math.max(1, width - 40));
  // Long runs write millions of rows: COPY a sample of at most COPY_SAMPLE_ROWS and take its rate.
  const copied = Math.min(rows, COPY_SAMPLE_ROWS);
  const lines = Array.from({ length: copied }, (_, i) => `row${i}\t${filler}`);
  const copyMs = await copyRows(
    { kind: database, ...(db.url ? { url: db.url } : {}), ...(db.pglite ? { pglite: db.pglite } : {}) },
    'bench_copy',
    'k, body',
    lines,
  );
  const copyRowsPerS = copied / (copyMs / 1000);
  // This machine's speed today (it varies between days): compare runs of different days through it.
  const hashInput = randomBytes(64);
  const hashStart = performance.now();
  for (let i = 0; i < 500_000; i++) hash('sha256', hashInput, 'buffer');
  const hashesPerS = 500_000 / ((performance.now() - hashStart) / 1000);
  const copySetsPerS = copyRowsPerS / (rows / Math.max(processedSets, 1));

  const figures: Figure[] = [
    { name: 'complete import sets through the pipeline', value: Math.round(setsPerS), unit: 'sets/s' },
    {
      name: 'messages through the pipeline',
      value: Math.round((processedSets * 4) / seconds),
      unit: 'messages/s',
    },
    { name: 'target: complete sets', value: TARGET_SETS_PER_S, unit: 'sets/s' },
    { name: 'inventories accepted (all checks passed)', value: accepted, unit: 'inventories' },
    { name: 'sets processed', value: processedSets, unit: 'sets' },
    { name: 'latency per message p50 (its batch transaction)', value: percentile(latencies, 50), unit: 'ms' },
    { name: 'latency per message p99 (its batch transaction)', value: percentile(latencies, 99), unit: 'ms' },
    {
      name: 'statements sent to the database per set (batch statements shared)',
      value: Math.round(statementsPerSet * 100) / 100,
      unit: 'statements/set',
    },
    {
      name: 'rows written per set',
      value: Math.round((rows / Math.max(processedSets, 1)) * 10) / 10,
      unit: 'rows/set',
    },
    {
      name: 'CPU of this process per set (all threads)',
      value: Math.round(((cpu.user + cpu.system) / 1000 / Math.max(processedSets, 1)) * 100) / 100,
      unit: 'ms',
    },
    ...(backendTicksStart === undefined || backendTicks === undefined
      ? []
      : [
          {
            name: 'PostgreSQL backend CPU per set',
            value:
              Math.round(
                (((backendTicks - backendTicksStart) * 1000) /
                  TICKS_PER_SECOND /
                  Math.max(processedSets, 1)) *
                  100,
              ) / 100,
            unit: 'ms',
          },
        ]),
    { name: 'peak RSS', value: Math.round(peakRss / 2 ** 20), unit: 'MiB' },
    { name: 'rows written by the pipeline', value: rows, unit: 'rows' },
    { name: 'average row width', value: width, unit: 'bytes' },
    {
      name: 'raw limit: COPY of as many rows, same width',
      value: Math.round(copyRowsPerS),
      unit: 'rows/s',
    },
    { name: 'raw limit expressed as sets', value: Math.round(copySetsPerS), unit: 'sets/s' },
    { name: 'ratio: pipeline / COPY', value: setsPerS / copySetsPerS, unit: '' },
    {
      name: "this machine's speed: SHA-256 of 64 bytes, node:crypto, one thread",
      value: Math.round(hashesPerS),
      unit: 'hashes/s',
    },
  ];
  printFigures(`bench:ceb — ${database} (${db.connection})`, figures);
  process.stdout.write(
    `  RSS over time (s → MiB): ${rss.map((r) => `${r.atSeconds}→${r.rssMiB}`).join(' ')}\n`,
  );
  process.stdout.write(
    `  sets/s over time (s → sets/s in the interval before): ${rate.map((r) => `${r.atSeconds}→${r.setsPerS}`).join(' ')}\n`,
  );
  process.stdout.write(
    `  rows per set by table: ${Object.entries(perTable)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}\n`,
  );
  process.stdout.write(
    `  bytes per set by table: ${Object.entries(bytesPerTable)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}\n`,
  );
  const file = writeResults('ceb', database, figures, {
    connection: db.connection,
    rowsPerSetByTable: perTable,
    bytesPerSetByTable: bytesPerTable,
    sets: processedSets,
    seconds,
    batchSets,
    concurrency,
    rssOverTime: rss,
    setsPerSecondOverTime: rate,
    note: 'timings taken on a shared 2-core machine; compare runs on the same machine only',
  });
  process.stdout.write(`\nwritten to ${file}\n`);
  await db.drop();
}

await main();
