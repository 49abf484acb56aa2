import type { TestProject } from 'vitest/node';
import { startServer } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    kouan: { url: string; dataDir: string };
  }
}

/**
 * One real Kouan (demo data included) for the whole browser suite: starting it seeds a week of
 * procurement and CEB traffic, which is worth doing once, not per file. Each test file uses its own
 * records (fresh order numbers, container numbers, product names), so files do not depend on each other.
 */
export default async function setup(project: TestProject) {
  const server = await startServer();
  project.provide('kouan', { url: server.url, dataDir: server.dataDir });
  return async () => server.stop();
}
