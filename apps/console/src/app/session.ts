import { useSyncExternalStore } from 'react';
import { ApiError, get, getToken, onUnauthorised, post, setToken } from './api';

/** Who is signed in, as GET /api/me says. */
export type Me = {
  actorType: string;
  id: string;
  displayName: string;
  organisationId: string | null;
  organisationKind: string | null;
  department: string | null;
  roles: string[];
  permissions: string[];
  scope: Record<string, unknown>;
};

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'signed-in'; me: Me; organisationName: string };

let state: SessionState = getToken() ? { status: 'loading' } : { status: 'anonymous' };
const listeners = new Set<() => void>();
function set(next: SessionState) {
  state = next;
  for (const listener of listeners) listener();
}

const ORG_NAME_KEY = 'kouan.organisation';

async function loadMe(): Promise<void> {
  try {
    const me = await get<Me>('/api/me');
    set({ status: 'signed-in', me, organisationName: localStorage.getItem(ORG_NAME_KEY) ?? '' });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) setToken(null);
    set({ status: 'anonymous' });
  }
}
if (state.status === 'loading') void loadMe();

onUnauthorised(() => {
  setToken(null);
  set({ status: 'anonymous' });
});

type LoginResponse = { token: string; organisation: { name: string } };

export async function login(username: string, password: string): Promise<void> {
  const result = await post<LoginResponse>('/api/auth/login', { username, password });
  setToken(result.token);
  localStorage.setItem(ORG_NAME_KEY, result.organisation.name);
  await loadMe();
}

export async function logout(): Promise<void> {
  try {
    await post('/api/auth/logout');
  } catch {
    // the session may already be gone; signing out locally is what matters
  }
  setToken(null);
  set({ status: 'anonymous' });
}

export function useSession(): SessionState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

export function can(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}

export function isRegulator(me: Me): boolean {
  return me.organisationKind === 'regulator' || me.organisationKind === 'platform';
}
