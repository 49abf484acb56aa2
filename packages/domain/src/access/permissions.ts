import { assertNever } from '../assert';

/** The closed set of permissions a route can require. */
export const PERMISSIONS = [
  'parties:read',
  'parties:file',
  'parties:recognition:apply',
  'parties:recognition:decide',
  'parties:status:change',
  'zones:manage',
  'pii:unmasked',
  'audit:read',
  'evidence:read',
  'evidence:admin',
  'apikeys:manage',
  'session:self',
  'ceb:submit',
  'ceb:read',
  'ceb:customs',
  'ceb:reference:manage',
  'parties:certificates:manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ORGANISATION_KINDS = ['platform', 'regulator', 'enterprise'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Regulator departments (监管部门). */
export const DEPARTMENTS = ['commerce', 'customs', 'market', 'tax', 'fx', 'ip', 'district'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const DEPARTMENT_NAMES: Record<Department, { zh: string; en: string }> = {
  commerce: { zh: '商务', en: 'Commerce' },
  customs: { zh: '海关', en: 'Customs' },
  market: { zh: '市场监管', en: 'Market supervision' },
  tax: { zh: '税务', en: 'Tax' },
  fx: { zh: '外汇管理', en: 'FX administration' },
  ip: { zh: '知识产权', en: 'IP office' },
  district: { zh: '区政府', en: 'District government' },
};

export const ROLES = [
  'platform_admin',
  'regulator_officer',
  'regulator_viewer',
  'enterprise_admin',
  'enterprise_staff',
  'enterprise_system',
] as const;
export type Role = (typeof ROLES)[number];

const REGULATOR_BASE: readonly Permission[] = [
  'session:self',
  'parties:read',
  'audit:read',
  'evidence:read',
  'ceb:read',
];

const DEPARTMENT_EXTRA: Record<Department, readonly Permission[]> = {
  commerce: [
    'parties:file',
    'parties:recognition:decide',
    'parties:status:change',
    'zones:manage',
    'ceb:reference:manage',
  ],
  market: ['parties:file', 'parties:status:change'],
  customs: [
    'parties:file',
    'parties:status:change',
    'ceb:customs',
    'ceb:reference:manage',
    'parties:certificates:manage',
  ],
  tax: [],
  fx: [],
  ip: [],
  district: [],
};

const ENTERPRISE_STAFF: readonly Permission[] = [
  'session:self',
  'parties:read',
  'parties:file',
  'parties:recognition:apply',
  'evidence:read',
  'ceb:submit',
  'ceb:read',
];

/**
 * What a role may do, given the organisation it belongs to. Officers of a department get the
 * department's write permissions and see personal information unmasked; viewers read masked data.
 */
export function permissionsFor(role: Role, org: { kind: OrganisationKind; department: Department | null }) {
  const granted = new Set<Permission>();
  const add = (list: readonly Permission[]) => {
    for (const p of list) granted.add(p);
  };
  switch (role) {
    case 'platform_admin':
      add(PERMISSIONS);
      break;
    case 'regulator_officer':
      if (org.kind !== 'regulator' || !org.department) break;
      add(REGULATOR_BASE);
      add(DEPARTMENT_EXTRA[org.department]);
      granted.add('pii:unmasked');
      break;
    case 'regulator_viewer':
      if (org.kind !== 'regulator') break;
      add(REGULATOR_BASE);
      break;
    case 'enterprise_admin':
      if (org.kind !== 'enterprise') break;
      add(ENTERPRISE_STAFF);
      granted.add('apikeys:manage');
      granted.add('parties:certificates:manage');
      break;
    case 'enterprise_staff':
    case 'enterprise_system':
      if (org.kind !== 'enterprise') break;
      add(ENTERPRISE_STAFF);
      break;
    default:
      assertNever(role);
  }
  return granted;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
