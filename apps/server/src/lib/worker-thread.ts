import { parentPort, Worker } from 'node:worker_threads';

/**
 * One worker thread running a TypeScript module that answers requests (`serveRequests` in that
 * module), started on first use and holding the process open only while requests are outstanding.
 * Requests are independent, answered by id. If the worker dies, every pending request is rejected
 * and the next request starts a new one.
 */
export class WorkerThread<I, O> {
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #pending = new Map<number, { resolve(output: O): void; reject(error: Error): void }>();

  /**
   * @param moduleUrl the worker module (its URL, e.g. `new URL('./x.worker.ts', import.meta.url)`)
   * @param name what the worker does, for error messages
   * @param workerData what the worker module reads from `workerData` when it starts
   */
  constructor(
    private readonly moduleUrl: URL,
    private readonly name: string,
    private readonly workerData?: unknown,
  ) {}

  request(input: I, transfer: readonly ArrayBuffer[] = []): Promise<O> {
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    return new Promise<O>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, input }, [...transfer]);
      worker.ref();
    });
  }

  #start(): Worker {
    // The worker runs TypeScript through tsx registered in the worker itself, so it starts the
    // same way under `tsx`, vitest or any other host.
    const worker = new Worker(
      `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register();
        return import(${JSON.stringify(this.moduleUrl.href)}); })`,
      { eval: true, execArgv: [], workerData: this.workerData },
    );
    worker.unref();
    worker.on('message', (message: { id: number; output?: O; error?: string }) => {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (this.#pending.size === 0) worker.unref();
      if (!pending) return;
      if (message.error === undefined) pending.resolve(message.output as O);
      else pending.reject(new Error(`${this.name} failed: ${message.error}`));
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`${this.name} worker exited with code ${code}`)));
    this.#worker = worker;
    return worker;
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
