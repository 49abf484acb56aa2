/**
 * npm run bench:evidence [-- --db pglite|postgres --entries 1000000 --appenders 2]
 *
 * Appends/s with one entry per transaction and with batches of 1,000 (`--appenders` transactions
 * at once, 1 unless given); inclusion-proof latency
 * p50/p99 at the full size; and, in the same run, the raw limits: node:crypto's SHA-256 node-hash
 * rate and the database's COPY rate for rows of the same size as ledger entries.
 */

import { randomBytes } from 'node:crypto';
import {
  hashChildren,
  inclusionProof,
  nodeGetterFromMap,
  nodesNeededForInclusion,
} from '@kouan/domain/evidence';
import { sql } from 'kysely';
import { migrate } from '../src/db/migrate';
import { createStore } from '../src/db/store';
import { type EvidenceEvent, recordEvidence } from '../src/features/evidence';
import { systemActor } from '../src/lib/actor';
import { createPiiVault } from '../src/lib/pii';
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
const totalEntries = Number(argValue('entries', '1000000'));
const SINGLE_TX = Number(argValue('single', '2000'));
const BATCH = 1000;
/** Transactions appending at once (a server's concurrent requests); PGlite has one connection. */
const appenders = Number(argValue('appenders', '1'));
const PROOFS = 2000;
const COPY_ROWS = 100_000;

const vault = createPiiVault({ piiKey: randomBytes(32), piiHashKey: randomBytes(32) });
const actor = systemActor('req_bench', 'bench');

/** Heap in use after a full collection (the script runs with --expose-gc), so garbage is not counted. */
function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

function event(i: number): EvidenceEvent {
  return {
    kind: 'message.accepted',
    subject: { type: 'ceb_message', id: `msg_${i.toString().padStart(10, '0')}` },
    actor,
    at: new Date(),
    partyIds: ['party_01JBENCHEBP0000000000000000', 'party_01JBENCHEBC0000000000000000'],
    document: {
      guid: `4CDE1CFD-EDED-46B1-946C-${i.toString(16).padStart(12, '0')}`,
      orderNo: `ORDER${i}`,
      amount: '199.00000',
    },
  };
}

async function main() {
  process.stdout.write(`bench:evidence on ${database}, ${totalEntries.toLocaleString('en-US')} entries\n`);
  const db = await freshDb(database);
  await migrate(db.handle.db);
  const store = createStore(db.handle.db);
  const append = (events: EvidenceEvent[]) =>
    store.transaction((repos) => recordEvidence({ evidence: repos.evidence, vault }, events));

  let next = 0;
  let started = performance.now();
  for (let i = 0; i < SINGLE_TX; i += 1) await append([event(next++)]);
  const singleRate = SINGLE_TX / ((performance.now() - started) / 1000);

  const backendPids = await serverPids(db.handle.db, database);
  const backendTicksStart = cpuTicks(backendPids);
  const cpuStart = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  started = performance.now();
  let batches = 0;
  const heapStart = heapAfterGc();
  let lastReport = started;
  const appender = async () => {
    while (next < totalEntries) {
      const n = Math.min(BATCH, totalEntries - next);
      await append(Array.from({ length: n }, () => event(next++)));
      batches += 1;
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        process.stdout.write(`  … ${next.toLocaleString('en-US')} entries\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: appenders }, appender));
  const batchedSeconds = (performance.now() - started) / 1000;
  // The main thread's busy time (the worker thread hashes): how close it is to being the limit.
  const mainBusy = performance.eventLoopUtilization(elu0);
  const batchedRate = (totalEntries - SINGLE_TX) / batchedSeconds;
  const heapRetained = heapAfterGc() - heapStart;
  const cpu = process.cpuUsage(cpuStart);
  const processCpuPerEntry = (cpu.user + cpu.system) / (totalEntries - SINGLE_TX);
  const backendTicks = cpuTicks([...backendPids, ...(await serverPids(db.handle.db, database))]);
  const backendCpuPerEntry =
    backendTicksStart === undefined || backendTicks === undefined
      ? undefined
      : ((backendTicks - backendTicksStart) * 1e6) / TICKS_PER_SECOND / (totalEntries - SINGLE_TX);
  const size = await store.repos.evidence.treeSize();

  const latencies: number[] = [];
  for (let i = 0; i < PROOFS; i += 1) {
    const leaf = Math.floor(Math.random() * size);
    const t0 = performance.now();
    const nodes = await store.repos.evidence.getNodes(nodesNeededForInclusion(leaf, size));
    inclusionProof(leaf, size, nodeGetterFromMap(nodes));
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);

  const left = randomBytes(32);
  const right = randomBytes(32);
  const HASHES = 1_000_000;
  started = performance.now();
  for (let i = 0; i < HASHES; i += 1) hashChildren(left, right);
  const hashRate = HASHES / ((performance.now() - started) / 1000);

  // Raw limit: COPY rows shaped like evidence entries (same columns and sizes) into an unconstrained table.
  const sample = await store.repos.evidence.getEntry(size - 1);
  const leafHex = `\\\\x${Buffer.from(sample!.leaf).toString('hex')}`;
  const hashHex = `\\\\x${Buffer.from(sample!.leafHash).toString('hex')}`;
  // The columns of one entry row before bundles (0002), no primary key, indexes or triggers: the
  // figure stays comparable with earlier runs (a bundle holds 250 such entries in one row).
  await sql`create table bench_copy (idx bigint, kind text, leaf bytea, leaf_hash bytea, content_hash bytea,
    subject_type text, subject_id text, actor_type text, actor_id text, org_id text, party_ids text[],
    recorded_at timestamptz, software_version text)`.execute(db.handle.db);
  const now = new Date().toISOString();
  const lines = Array.from({ length: COPY_ROWS }, (_, i) =>
    [
      i,
      'message.accepted',
      leafHex,
      hashHex,
      hashHex,
      'ceb_message',
      `msg_${i}`,
      'system',
      'bench',
      'org_platform',
      '{party_a,party_b}',
      now,
      'kouan-server/0.1.0',
    ].join('\t'),
  );
  const copyMs = await copyRows(
    { kind: database, ...(db.url ? { url: db.url } : {}), ...(db.pglite ? { pglite: db.pglite } : {}) },
    'bench_copy',
    'idx, kind, leaf, leaf_hash, content_hash, subject_type, subject_id, actor_type, actor_id, org_id, party_ids, recorded_at, software_version',
    lines,
  );
  const copyRate = COPY_ROWS / (copyMs / 1000);

  const figures: Figure[] = [
    { name: 'append, one entry per transaction', value: Math.round(singleRate), unit: 'entries/s' },
    {
      name: `append, batches of 1,000 per transaction, ${appenders} at once`,
      value: Math.round(batchedRate),
      unit: 'entries/s',
    },
    { name: 'target: batched append', value: 50_000, unit: 'entries/s' },
    {
      name: `inclusion proof p50 at ${size.toLocaleString('en-US')} entries`,
      value: percentile(latencies, 50),
      unit: 'ms',
    },
    {
      name: `inclusion proof p99 at ${size.toLocaleString('en-US')} entries`,
      value: percentile(latencies, 99),
      unit: 'ms',
    },
    { name: 'target: inclusion proof p99', value: 5, unit: 'ms' },
    {
      name: 'batched append: CPU of this process per entry (all threads)',
      value: Math.round(processCpuPerEntry * 10) / 10,
      unit: 'us',
    },
    {
      name: 'batched append: main thread busy per entry (wall)',
      value: Math.round(((mainBusy.active * 1000) / (totalEntries - SINGLE_TX)) * 10) / 10,
      unit: 'us',
    },
    ...(backendCpuPerEntry === undefined
      ? []
      : [
          {
            name: 'batched append: PostgreSQL backend CPU per entry',
            value: Math.round(backendCpuPerEntry * 10) / 10,
            unit: 'us',
          },
        ]),
    { name: 'raw limit: SHA-256 node hashes (node:crypto)', value: Math.round(hashRate), unit: 'hashes/s' },
    { name: 'raw limit: COPY of equally sized rows', value: Math.round(copyRate), unit: 'rows/s' },
    { name: 'ratio: batched append / COPY', value: batchedRate / copyRate, unit: '' },
    { name: 'ratio: batched append x 2 hashes / hash rate', value: (batchedRate * 2) / hashRate, unit: '' },
    {
      name: 'heap retained by batched appends (after full GC)',
      value: Math.round(heapRetained / 2 ** 20),
      unit: 'MiB',
    },
  ];
  printFigures(`bench:evidence — ${database} (${db.connection}, ${batches} batches)`, figures);
  const file = writeResults('evidence', database, figures, {
    connection: db.connection,
    entries: size,
    appenders,
  });
  process.stdout.write(`\nwritten to ${file}\n`);
  await db.drop();
}

await main();
