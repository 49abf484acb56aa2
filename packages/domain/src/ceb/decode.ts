import iconv from 'iconv-lite';
import type { CebParseError } from './parse-errors';
import { parseError } from './parse-errors';

/** Encodings a CEB body may declare. GB2312 is decoded as GBK, its superset (senders label GBK text GB2312). */
export type CebTextEncoding = 'UTF-8' | 'GB2312' | 'GBK' | 'GB18030';

export interface DecodedText {
  readonly text: string;
  readonly encoding: CebTextEncoding;
  readonly hadBom: boolean;
}

const ENCODINGS: Record<string, CebTextEncoding> = {
  'UTF-8': 'UTF-8',
  UTF8: 'UTF-8',
  GB2312: 'GB2312',
  GBK: 'GBK',
  CP936: 'GBK',
  GB18030: 'GB18030',
};

const DECLARATION = /^<\?xml[ \t\r\n][^>]*?encoding[ \t\r\n]*=[ \t\r\n]*(["'])([^"']{1,40})\1/;

/** The encoding pseudo-attribute, read from the ASCII-compatible first bytes. */
function sniffDeclaredEncoding(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, 256);
  let ascii = '';
  for (const b of head) ascii += String.fromCharCode(b);
  return DECLARATION.exec(ascii)?.[2];
}

type DecodeResult = { ok: true; value: DecodedText } | { ok: false; error: CebParseError };

function decodeUtf8(bytes: Uint8Array, hadBom: boolean): DecodeResult {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, value: { text, encoding: 'UTF-8', hadBom } };
  } catch {
    return { ok: false, error: parseError('INVALID_ENCODING', 'bytes are not valid UTF-8') };
  }
}

/**
 * iconv-lite substitutes U+FFFD for undecodable bytes instead of failing; GBK cannot encode U+FFFD and a
 * customs message has no reason to carry it in GB18030, so its presence means the bytes were invalid.
 */
function decodeGb(bytes: Uint8Array, encoding: CebTextEncoding): DecodeResult {
  const text = iconv.decode(bytes, encoding === 'GB18030' ? 'gb18030' : 'gbk');
  if (text.includes('\uFFFD')) {
    return { ok: false, error: parseError('INVALID_ENCODING', `bytes are not valid ${encoding}`) };
  }
  return { ok: true, value: { text, encoding, hadBom: false } };
}

/**
 * Bytes → text honouring a UTF-8 BOM and the XML declaration's encoding.
 * UTF-16/32 byte order marks are refused (no CEB sender uses them; the declaration sniffing assumes ASCII).
 */
export function decodeXmlBytes(bytes: Uint8Array): DecodeResult {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || (b0 === 0 && b1 === 0)) {
    return { ok: false, error: parseError('UNSUPPORTED_ENCODING', 'UTF-16/UTF-32') };
  }
  const hadBom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf;
  const body = hadBom ? bytes.subarray(3) : bytes;
  const declared = sniffDeclaredEncoding(body);
  if (declared === undefined) return decodeUtf8(body, hadBom);
  const encoding = ENCODINGS[declared.toUpperCase()];
  if (encoding === undefined) return { ok: false, error: parseError('UNSUPPORTED_ENCODING', declared) };
  if (encoding === 'UTF-8') return decodeUtf8(body, hadBom);
  if (hadBom)
    return { ok: false, error: parseError('ENCODING_MISMATCH', `UTF-8 BOM but encoding="${declared}"`) };
  return decodeGb(body, encoding);
}
