import { parentPort, Worker } from 'node:worker_threads';

/** How long a request may take before the worker is taken for stuck and stopped. */
const REQUEST_TIMEOUT_MS = 60_000;
/** After the worker died or got stuck, requests are refused at once for this long (callers fall back). */
const RETRY_AFTER_MS = 60_000;

/**
 * One worker thread running a TypeScript module that answers requests (`serveRequests` in that
 * module), started on first use and holding the process open only while requests are outstanding.
 * Requests are independent, answered by id. If the worker dies or a request outlasts
 * REQUEST_TIMEOUT_MS, the worker is stopped, every pending request is rejected, a warning says why
 * (process.emitWarning, once per failure), and for RETRY_AFTER_MS requests are rejected at once
 * instead of starting a new worker: every caller has a way to do the work on its own thread.
 */
export class WorkerThread<I, O> {
  #worker: Worker | undefined;
  #nextId = 0;
  #failedAt = Number.NEGATIVE_INFINITY;
  readonly #pending = new Map<
    number,
    { resolve(output: O): void; reject(error: Error): void; timer: NodeJS.Timeout }
  >();

  readonly #timeoutMs: number;
  readonly #retryAfterMs: number;

  /**
   * @param moduleUrl the worker module (its URL, e.g. `new URL('./x.worker.ts', import.meta.url)`)
   * @param name what the worker does, for error messages
   * @param options.workerData what the worker module reads from `workerData` when it starts
   */
  constructor(
    private readonly moduleUrl: URL,
    private readonly name: string,
    private readonly options: { workerData?: unknown; timeoutMs?: number; retryAfterMs?: number } = {},
  ) {
    this.#timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    this.#retryAfterMs = options.retryAfterMs ?? RETRY_AFTER_MS;
  }

  request(input: I, transfer: readonly ArrayBuffer[] = []): Promise<O> {
    if (performance.now() - this.#failedAt < this.#retryAfterMs)
      return Promise.reject(new Error(`${this.name} worker failed lately; not restarted yet`));
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    return new Promise<O>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#fail(worker, new Error(`${this.name} worker answered no request in ${this.#timeoutMs} ms`));
      }, this.#timeoutMs);
      timer.unref();
      this.#pending.set(id, { resolve, reject, timer });
      try {
        worker.postMessage({ id, input }, [...transfer]);
      } catch (error) {
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      worker.ref();
    });
  }

  /**
   * The worker's answer, or `here()` — the same work on the calling thread — when the worker fails,
   * is resting after a failure, or refuses the request (then `here()` gives the refusal itself).
   */
  async requestOr(input: I, here: () => O, transfer: readonly ArrayBuffer[] = []): Promise<O> {
    try {
      return await this.request(input, transfer);
    } catch {
      return here();
    }
  }

  #start(): Worker {
    // The worker runs TypeScript through tsx registered in the worker itself, so it starts the
    // same way under `tsx`, vitest or any other host.
    const worker = new Worker(
      `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register();
        return import(${JSON.stringify(this.moduleUrl.href)}); })`,
      { eval: true, execArgv: [], workerData: this.options.workerData },
    );
    worker.unref();
    worker.on('message', (message: { id: number; output?: O; error?: string }) => {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (this.#pending.size === 0) worker.unref();
      if (!pending) return;
      clearTimeout(pending.timer);
      if (message.error === undefined) pending.resolve(message.output as O);
      else pending.reject(new Error(`${this.name} failed: ${message.error}`));
    });
    worker.on('error', (error) => this.#fail(worker, error));
    worker.on('exit', (code) =>
      this.#fail(worker, new Error(`${this.name} worker exited with code ${code}`)),
    );
    this.#worker = worker;
    return worker;
  }

  /** Stops a failed worker (once), rejects what it still owes and refuses requests for a while. */
  #fail(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    this.#failedAt = performance.now();
    process.emitWarning(
      `${error.message}; work is done on the calling thread for ${this.#retryAfterMs / 1000} s`,
      {
        code: 'KOUAN_WORKER_FAILED',
      },
    );
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.#pending.clear();
    void worker.terminate();
  }
}

/**
 * The body of a worker module: answers each request with `work(input)`, moving the ArrayBuffers
 * `transfer` names to the caller instead of copying them. An error is answered as its message.
 */
export function serveRequests<I, O>(
  work: (input: I) => O,
  transfer: (output: O) => ArrayBuffer[] = () => [],
): void {
  parentPort?.on('message', (message: { id: number; input: I }) => {
    try {
      const output = work(message.input);
      parentPort?.postMessage({ id: message.id, output }, transfer(output));
    } catch (error) {
      parentPort?.postMessage({
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
}

/** Bytes that own their whole ArrayBuffer, so it can be moved (a small Buffer can be a view into a shared pool). */
export function ownedBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}
