/** The CEB decoding worker thread (started by decode-messages.ts): decodeMessageData per body. */
import { serveRequests } from '../../lib/worker-thread';
import { type DecodedData, decodeMessageData, type FormatFailure } from './decode-message';
import type { DecodeRequest } from './decode-messages';

serveRequests<DecodeRequest, (DecodedData | FormatFailure)[]>((input) => {
  const at = new Date(input.at);
  return input.items.map((item) => decodeMessageData(item.body, item.format, at));
});
