/**
 * The format check of a batch's messages (decodeMessage each): on a worker thread for batches of
 * many messages, so that this thread meanwhile processes another batch; here for a few (a round trip
 * costs more than it saves). Decoding is pure: if the worker fails, this thread decodes instead.
 */
import type { CebBodyFormat } from '@kouan/domain/ceb';
import { WorkerThread } from '../../lib/worker-thread';
import {
  type DecodedData,
  type DecodedMessage,
  decodeMessageData,
  type FormatFailure,
  withSpec,
} from './decode-message';

/** Batches with fewer messages are decoded on the calling thread. */
const WORKER_MIN_MESSAGES = 8;

export interface DecodeRequest {
  /** Milliseconds since the epoch: the time the CEB900 receipts of failures carry. */
  readonly at: number;
  readonly items: readonly { readonly body: Uint8Array; readonly format: CebBodyFormat }[];
}

const worker = new WorkerThread<DecodeRequest, (DecodedData | FormatFailure)[]>(
  new URL('./decode-messages.worker.ts', import.meta.url),
  'CEB message decoding',
);

/** decodeMessageData of each item, on the worker thread (rejects if the worker fails). */
export function decodeOnWorker(request: DecodeRequest): Promise<(DecodedData | FormatFailure)[]> {
  return worker.request(request);
}

export async function decodeMessages(
  items: readonly { readonly body: Uint8Array; readonly format: CebBodyFormat }[],
  at: Date,
): Promise<(DecodedMessage | FormatFailure)[]> {
  const here = () => items.map((item) => decodeMessageData(item.body, item.format, at));
  if (items.length < WORKER_MIN_MESSAGES) return here().map(withSpec);
  const request = {
    at: at.getTime(),
    items: items.map((item) => ({ body: item.body, format: item.format })),
  };
  return (await worker.requestOr(request, here)).map(withSpec);
}
