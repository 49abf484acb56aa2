/**
 * Strict decoders for the encodings in notes, keys and evidence packages. Node's own decoders skip
 * characters they do not understand; evidence must not, so each value here has exactly one accepted
 * spelling (the one the encoder writes).
 */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX_LOWER = /^(?:[0-9a-f]{2})*$/;

/** Standard base64 (RFC 4648 §4) with padding; undefined unless `text` is the canonical encoding. */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** Lower-case hex; undefined unless `text` is exactly that. */
export function decodeHexStrict(text: string): Buffer | undefined {
  return HEX_LOWER.test(text) ? Buffer.from(text, 'hex') : undefined;
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** True when `text` holds an ASCII control character (other than "\n" if allowed) or a lone surrogate. */
export function hasUnsafeCharacters(text: string, options: { allowNewline: boolean }): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && !(options.allowNewline && code === 0x0a)) return true;
  }
  return LONE_SURROGATE.test(text);
}
