/** The body-sealing worker thread of a PiiVault (pii.ts sealBodies): sealBodyWith per body, under the key it started with. */
import { workerData } from 'node:worker_threads';
import { ivSource, sealBodyWith } from './pii';
import { ownedBytes, serveRequests } from './worker-thread';

const piiKey = Buffer.from((workerData as { piiKey: Uint8Array }).piiKey);
const nextIv = ivSource();

serveRequests<readonly Uint8Array[], Uint8Array[]>(
  (plains) => plains.map((plain) => ownedBytes(sealBodyWith(piiKey, nextIv(), plain))),
  (sealed) => sealed.map((b) => b.buffer as ArrayBuffer),
);
