import { createHash, randomBytes } from 'node:crypto';

/** Session tokens and API keys are random secrets; only their SHA-256 is stored. */
export function newSecret(prefix: 'kst' | 'kak'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
