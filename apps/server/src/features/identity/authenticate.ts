import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { commonError } from '../../lib/errors.common';
import type { IdentityRepository } from './identity.repository';
import { actorFor } from './resolve-actor';
import { hashSecret } from './tokens';

export type Credential = { kind: 'session'; token: string } | { kind: 'api_key'; key: string };

/** Resolves a session token or an API key to the acting user or enterprise system. */
export async function authenticate(
  deps: { identity: IdentityRepository; clock: Clock },
  input: { credential: Credential; requestId: string },
): Promise<Actor> {
  const { credential } = input;
  if (credential.kind === 'session') {
    const user = await deps.identity.findUserBySession(hashSecret(credential.token), deps.clock.now());
    if (user?.status !== 'active') {
      throw commonError('UNAUTHENTICATED', {
        reason: 'session expired or unknown',
        reasonZh: '会话已过期或无效',
      });
    }
    return actorFor({
      type: 'user',
      id: user.id,
      displayName: user.displayName,
      roles: user.roles,
      org: user.org,
      requestId: input.requestId,
    });
  }
  const org = await deps.identity.findOrgByApiKey(hashSecret(credential.key));
  if (org?.kind !== 'enterprise') {
    throw commonError('UNAUTHENTICATED', {
      reason: 'API key unknown or revoked',
      reasonZh: 'API 密钥无效或已吊销',
    });
  }
  return actorFor({
    type: 'api_key',
    id: org.keyId,
    displayName: `${org.name} (${org.label})`,
    roles: ['enterprise_system'],
    org,
    requestId: input.requestId,
  });
}
