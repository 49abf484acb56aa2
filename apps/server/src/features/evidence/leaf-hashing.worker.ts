/** The evidence leaf-hashing worker thread (started by leaf-hashing.ts): hashLeaves per request. */
import { parentPort } from 'node:worker_threads';
import { hashLeaves, type LeafHashInput } from './leaf-hashing';

parentPort?.on('message', (message: { id: number; input: LeafHashInput }) => {
  try {
    const hashed = hashLeaves(message.input);
    // Moved to the caller without a copy: each must own its whole memory (a small Buffer can be a
    // view into a shared pool, which must not be moved).
    const own = (bytes: Uint8Array) =>
      bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
    const output = { ...hashed, leaves: own(hashed.leaves), hashes: own(hashed.hashes) };
    parentPort?.postMessage({ id: message.id, output }, [
      output.hashes.buffer as ArrayBuffer,
      output.leaves.buffer as ArrayBuffer,
    ]);
  } catch (error) {
    parentPort?.postMessage({
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
