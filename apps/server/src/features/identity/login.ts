import { verify } from '@node-rs/argon2';
import type { Store } from '../../db/store';
import type { Clock } from '../../lib/clock';
import { identityError } from './identity.errors';
import { actorFor } from './resolve-actor';
import { hashSecret, newSecret } from './tokens';

/** A fixed argon2id hash to verify against when the user does not exist, so timing does not reveal it. */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0k2c6HMQ3sN1m8nGcKp0yJq0fRp3K0gRk3wQm0Vn5Ew';

export interface LoginResult {
  readonly token: string;
  readonly expiresAt: Date;
  readonly user: { id: string; username: string; displayName: string; roles: readonly string[] };
  readonly organisation: { id: string; kind: string; department: string | null; name: string };
}

/** Password login (argon2id); issues an expiring session token, shown once. */
export async function login(
  deps: { store: Store; clock: Clock; sessionTtlSeconds: number },
  input: { username: string; password: string; requestId: string },
): Promise<LoginResult> {
  const user = await deps.store.repos.identity.findUserByUsername(input.username.trim());
  const ok = await verify(user?.passwordHash ?? DUMMY_HASH, input.password).catch(() => false);
  if (!user || !ok) throw identityError('LOGIN_FAILED');
  if (user.status !== 'active') throw identityError('ACCOUNT_DISABLED');
  const token = newSecret('kst');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.sessionTtlSeconds * 1000);
  const actor = actorFor({
    type: 'user',
    id: user.id,
    displayName: user.displayName,
    roles: user.roles,
    org: user.org,
    requestId: input.requestId,
  });
  await deps.store.transaction(async (repos) => {
    await repos.identity.createSession({
      tokenHash: hashSecret(token),
      userId: user.id,
      createdAt: now,
      expiresAt,
    });
    await repos.audit.record({
      at: now,
      actor,
      action: 'session.created',
      targetType: 'user',
      targetId: user.id,
    });
  });
  return {
    token,
    expiresAt,
    user: { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles },
    organisation: {
      id: user.org.id,
      kind: user.org.kind,
      department: user.org.department,
      name: user.org.name,
    },
  };
}
