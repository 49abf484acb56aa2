/** SHA-256 of a file, lower-case hex, computed in the browser (the file itself is never uploaded). */
export async function fileSha256(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The API's digest format (procurement.schemas.ts Sha256). */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
