import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkerThread } from './worker-thread';

type Op = { op: 'echo' | 'throw' | 'exit' | 'hang'; value?: string };
const testWorker = (options: { timeoutMs?: number; retryAfterMs?: number } = {}) =>
  new WorkerThread<Op, string>(
    new URL('./worker-thread.test-worker.ts', import.meta.url),
    'test work',
    options,
  );

afterEach(() => {
  vi.restoreAllMocks();
});

describe('WorkerThread', () => {
  it('answers requests by id, and a request the worker refuses with its reason', async () => {
    const worker = testWorker();
    const answers = await Promise.all(['a', 'b', 'c'].map((value) => worker.request({ op: 'echo', value })));
    expect(answers).toEqual(['echo a', 'echo b', 'echo c']);
    await expect(worker.request({ op: 'throw', value: 'x' })).rejects.toThrow('test work failed: refused x');
    // A refused request leaves the worker working.
    expect(await worker.request({ op: 'echo', value: 'd' })).toBe('echo d');
  });

  it('rejects what a dying worker owed, warns once, and refuses at once for a while', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const worker = testWorker({ retryAfterMs: 60_000 });
    const pending = worker.request({ op: 'echo', value: 'first' });
    expect(await pending).toBe('echo first');
    await expect(worker.request({ op: 'exit' })).rejects.toThrow('test work worker exited with code 3');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('work is done on the calling thread for 60 s');
    await expect(worker.request({ op: 'echo', value: 'later' })).rejects.toThrow('failed lately');
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('stops a worker that answers nothing in time, and starts a new one after the pause', async () => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const worker = testWorker({ timeoutMs: 2_500, retryAfterMs: 200 });
    await expect(worker.request({ op: 'hang' })).rejects.toThrow('answered no request in 2500 ms');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await worker.request({ op: 'echo', value: 'again' })).toBe('echo again');
  });
});
