import type { Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { commonError } from '../../lib/errors.common';
import { newId } from '../../lib/ids';
import { identityError } from './identity.errors';
import type { ApiKeyRow } from './identity.repository';
import { hashSecret, newSecret } from './tokens';

function enterpriseOrg(actor: Actor): string {
  if (!can(actor, 'apikeys:manage')) throw commonError('FORBIDDEN', { permission: 'apikeys:manage' });
  if (actor.scope.kind !== 'enterprise') throw identityError('API_KEY_SCOPE');
  return actor.scope.orgId;
}

/** Issues an API key for the caller's enterprise. The secret is returned once; only its hash is kept. */
export async function createApiKey(
  deps: { store: Store; clock: Clock },
  actor: Actor,
  input: { label: string; orgId?: string },
): Promise<{ id: string; label: string; key: string }> {
  const orgId = input.orgId ?? enterpriseOrg(actor);
  const now = deps.clock.now();
  const key = newSecret('kak');
  const id = newId('key', now.getTime());
  await deps.store.transaction(async (repos) => {
    await repos.identity.insertApiKey({
      id,
      orgId,
      label: input.label,
      keyPrefix: key.slice(0, 10),
      keyHash: hashSecret(key),
      createdBy: actor.id,
      createdAt: now,
    });
    await repos.audit.record({
      at: now,
      actor,
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: id,
      details: { orgId },
    });
  });
  return { id, label: input.label, key };
}

export async function findApiKeys(deps: { store: Store }, actor: Actor): Promise<ApiKeyRow[]> {
  return deps.store.repos.identity.findApiKeys(enterpriseOrg(actor));
}

export async function revokeApiKey(
  deps: { store: Store; clock: Clock },
  actor: Actor,
  id: string,
): Promise<void> {
  const orgId = enterpriseOrg(actor);
  const now = deps.clock.now();
  await deps.store.transaction(async (repos) => {
    const revoked = await repos.identity.revokeApiKey({ id, orgId, at: now, by: actor.id });
    if (!revoked) throw identityError('API_KEY_NOT_FOUND');
    await repos.audit.record({
      at: now,
      actor,
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: id,
    });
  });
}
