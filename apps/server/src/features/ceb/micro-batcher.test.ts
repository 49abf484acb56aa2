import { describe, expect, it } from 'vitest';
import { createMicroBatcher } from './micro-batcher';

describe('createMicroBatcher', () => {
  it('gathers concurrent submissions into one run and answers each with its own result', async () => {
    const runs: number[][] = [];
    const batcher = createMicroBatcher<number, string>({
      maxBatch: 10,
      waitMs: 5,
      run: async (items) => {
        runs.push(items);
        return items.map((i) => `r${i}`);
      },
    });
    const results = await Promise.all([1, 2, 3].map((i) => batcher.submit(i)));
    expect(results).toEqual(['r1', 'r2', 'r3']);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('runs a full batch at once and splits the rest', async () => {
    const runs: number[][] = [];
    const batcher = createMicroBatcher<number, number>({
      maxBatch: 2,
      waitMs: 5,
      run: async (items) => {
        runs.push(items);
        return items;
      },
    });
    await Promise.all([1, 2, 3].map((i) => batcher.submit(i)));
    expect(runs).toEqual([[1, 2], [3]]);
  });

  it('retries each item alone when the shared run fails, so one bad item fails only itself', async () => {
    const batcher = createMicroBatcher<number, number>({
      maxBatch: 10,
      waitMs: 5,
      run: async (items) => {
        if (items.includes(2)) throw new Error('bad item 2');
        return items.map((i) => i * 10);
      },
    });
    const settled = await Promise.allSettled([1, 2, 3].map((i) => batcher.submit(i)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settled[0]).toEqual({ status: 'fulfilled', value: 10 });
    expect(settled[2]).toEqual({ status: 'fulfilled', value: 30 });
  });
});
