/**
 * Group commit for the HTTP intake: requests arriving within a few milliseconds share one
 * transaction. If a shared batch fails, each item is retried alone so one bad message cannot fail
 * the others.
 */
export interface MicroBatcher<I, O> {
  submit(item: I): Promise<O>;
}

export function createMicroBatcher<I, O>(options: {
  maxBatch: number;
  waitMs: number;
  run: (items: I[]) => Promise<O[]>;
}): MicroBatcher<I, O> {
  let pending: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | null = null;

  async function flush(): Promise<void> {
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      const results = await options.run(batch.map((b) => b.item));
      for (const [i, b] of batch.entries()) b.resolve(results[i] as O);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const b of batch) {
        try {
          const [result] = await options.run([b.item]);
          b.resolve(result as O);
        } catch (single) {
          b.reject(single);
        }
      }
    }
  }

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        if (pending.length >= options.maxBatch) {
          if (timer) clearTimeout(timer);
          void flush();
        } else if (!timer) {
          timer = setTimeout(() => void flush(), options.waitMs);
        }
      });
    },
  };
}
