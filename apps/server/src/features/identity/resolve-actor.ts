import {
  type Department,
  isRole,
  type OrganisationKind,
  type Permission,
  permissionsFor,
  type Role,
} from '@kouan/domain/access/permissions';
import type { AccessScope, Actor } from '../../lib/actor';
import type { OrganisationRow } from './identity.repository';

function scopeOf(org: OrganisationRow): AccessScope {
  switch (org.kind) {
    case 'platform':
      return { kind: 'all' };
    case 'regulator':
      return org.jurisdictionDistrictCode
        ? { kind: 'district', districtCode: org.jurisdictionDistrictCode }
        : { kind: 'all' };
    case 'enterprise':
      return { kind: 'enterprise', orgId: org.id, partyId: org.partyId };
  }
}

/** Builds the request's actor from an authenticated user or API key and its organisation. */
export function actorFor(input: {
  type: 'user' | 'api_key';
  id: string;
  displayName: string;
  roles: readonly string[];
  org: OrganisationRow;
  requestId: string;
}): Actor {
  const roles = input.roles.filter(isRole) as Role[];
  const orgFacts = {
    kind: input.org.kind as OrganisationKind,
    department: input.org.department as Department | null,
  };
  const permissions = new Set<Permission>();
  for (const role of roles) for (const p of permissionsFor(role, orgFacts)) permissions.add(p);
  return {
    type: input.type,
    id: input.id,
    displayName: input.displayName,
    orgId: input.org.id,
    orgKind: orgFacts.kind,
    department: orgFacts.department,
    roles,
    permissions,
    scope: scopeOf(input.org),
    requestId: input.requestId,
  };
}
