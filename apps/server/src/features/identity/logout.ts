import type { Store } from '../../db/store';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import type { Credential } from './authenticate';
import { hashSecret } from './tokens';

/** Ends the caller's session (an API key is revoked through its own route, not here). */
export async function logout(
  deps: { store: Store; clock: Clock },
  actor: Actor,
  credential: Credential | undefined,
) {
  if (credential?.kind !== 'session') return;
  const now = deps.clock.now();
  await deps.store.transaction(async (repos) => {
    await repos.identity.revokeSession(hashSecret(credential.token), now);
    await repos.audit.record({
      at: now,
      actor,
      action: 'session.revoked',
      targetType: 'user',
      targetId: actor.id,
    });
  });
}
