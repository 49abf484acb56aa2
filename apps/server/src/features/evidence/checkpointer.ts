import type { CheckpointRow } from './evidence.repository';

/** The longest a burst of appends waits for its checkpoint. */
const BATCH_DELAY_MS = 500;

export interface Checkpointer {
  /** Appends happened: issue a checkpoint shortly (bursts share one). */
  notify(): void;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Issues checkpoints after each burst of appends and at least every `intervalSeconds` while
 * there were appends. Failures are reported and retried at the next tick; they never crash the
 * server, and the log itself is unaffected.
 */
export function createCheckpointer(input: {
  issue: () => Promise<CheckpointRow | undefined>;
  intervalSeconds: number;
  onError: (error: unknown) => void;
}): Checkpointer {
  let timer: NodeJS.Timeout | undefined;
  let pending: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running.then(() => input.issue()).catch(input.onError);
    return running;
  };
  return {
    notify() {
      if (pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        void run();
      }, BATCH_DELAY_MS);
      pending.unref();
    },
    start() {
      if (timer) return;
      timer = setInterval(() => void run(), input.intervalSeconds * 1000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      if (pending) clearTimeout(pending);
      timer = undefined;
      pending = undefined;
      await running;
    },
  };
}
