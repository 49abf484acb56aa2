/** The evidence leaf-hashing worker thread (started by leaf-hashing.ts): hashLeaves per request. */
import { ownedBytes, serveRequests } from '../../lib/worker-thread';
import { hashLeaves, type LeafHashInput, type LeafHashOutput } from './leaf-hashing';

serveRequests<LeafHashInput, LeafHashOutput>(
  (input) => {
    const hashed = hashLeaves(input);
    return { ...hashed, leaves: ownedBytes(hashed.leaves), hashes: ownedBytes(hashed.hashes) };
  },
  // Moved to the caller without a copy.
  (output) => [output.hashes.buffer as ArrayBuffer, output.leaves.buffer as ArrayBuffer],
);
