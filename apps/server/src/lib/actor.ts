import {
  type Department,
  type OrganisationKind,
  PERMISSIONS,
  type Permission,
  type Role,
} from '@kouan/domain/access/permissions';

/** Which records an actor may read: everything, a district, or one enterprise's own. */
export type AccessScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'district'; readonly districtCode: string }
  | { readonly kind: 'enterprise'; readonly orgId: string; readonly partyId: string | null }
  | { readonly kind: 'public' };

/** Who is acting, resolved once per request by the HTTP edge and passed to use-cases. */
export interface Actor {
  readonly type: 'user' | 'api_key' | 'system' | 'anonymous';
  readonly id: string;
  readonly displayName: string;
  readonly orgId: string | null;
  readonly orgKind: OrganisationKind | null;
  readonly department: Department | null;
  readonly roles: readonly Role[];
  readonly permissions: ReadonlySet<Permission>;
  readonly scope: AccessScope;
  readonly requestId: string;
}

export function anonymousActor(requestId: string): Actor {
  return {
    type: 'anonymous',
    id: 'anonymous',
    displayName: 'anonymous',
    orgId: null,
    orgKind: null,
    department: null,
    roles: [],
    permissions: new Set(),
    scope: { kind: 'public' },
    requestId,
  };
}

/** The organisation of the platform operator; the system actor belongs to it. */
export const PLATFORM_ORG_ID = 'org_platform';

/** The platform itself acting (start-up, demo seeding, scheduled jobs): every permission, all records. */
export function systemActor(requestId: string, name = 'system'): Actor {
  return {
    type: 'system',
    id: name,
    displayName: name,
    orgId: PLATFORM_ORG_ID,
    orgKind: 'platform',
    department: null,
    roles: ['platform_admin'],
    permissions: new Set(PERMISSIONS),
    scope: { kind: 'all' },
    requestId,
  };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}
