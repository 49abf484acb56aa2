import type { Kysely } from 'kysely';
import type { Database, OrganisationsTable } from '../../db/schema';

export interface OrganisationRow {
  readonly id: string;
  readonly kind: OrganisationsTable['kind'];
  readonly department: string | null;
  readonly name: string;
  readonly jurisdictionDistrictCode: string | null;
  readonly partyId: string | null;
}

export interface UserWithOrg {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly roles: readonly string[];
  readonly status: 'active' | 'disabled';
  readonly org: OrganisationRow;
}

export interface ApiKeyRow {
  readonly id: string;
  readonly orgId: string;
  readonly label: string;
  readonly keyPrefix: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

function toOrg(row: {
  org_id: string;
  org_kind: OrganisationsTable['kind'];
  department: string | null;
  org_name: string;
  jurisdiction_district_code: string | null;
  party_id: string | null;
}): OrganisationRow {
  return {
    id: row.org_id,
    kind: row.org_kind,
    department: row.department,
    name: row.org_name,
    jurisdictionDistrictCode: row.jurisdiction_district_code,
    partyId: row.party_id,
  };
}

export function createIdentityRepository(db: Kysely<Database>) {
  const userWithOrg = () =>
    db
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.org_id')
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.password_hash',
        'u.roles',
        'u.status',
        'o.id as org_id',
        'o.kind as org_kind',
        'o.department',
        'o.name as org_name',
        'o.jurisdiction_district_code',
        'o.party_id',
      ]);
  type UserJoinRow = Awaited<ReturnType<ReturnType<typeof userWithOrg>['executeTakeFirstOrThrow']>>;
  const toUser = (row: UserJoinRow): UserWithOrg => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    roles: row.roles,
    status: row.status,
    org: toOrg(row),
  });

  const findOrganisationBy = async (column: 'id' | 'name', value: string) => {
    const row = await db
      .selectFrom('organisations')
      .select([
        'id as org_id',
        'kind as org_kind',
        'department',
        'name as org_name',
        'jurisdiction_district_code',
        'party_id',
      ])
      .where(column, '=', value)
      .executeTakeFirst();
    return row && toOrg(row);
  };

  return {
    async findUserByUsername(username: string): Promise<UserWithOrg | undefined> {
      const row = await userWithOrg().where('u.username', '=', username).executeTakeFirst();
      return row && toUser(row);
    },

    async findUserBySession(tokenHash: string, now: Date): Promise<UserWithOrg | undefined> {
      const row = await userWithOrg()
        .innerJoin('sessions as s', 's.user_id', 'u.id')
        .where('s.token_hash', '=', tokenHash)
        .where('s.expires_at', '>', now)
        .where('s.revoked_at', 'is', null)
        .executeTakeFirst();
      return row && toUser(row);
    },

    async createSession(input: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date }) {
      await db
        .insertInto('sessions')
        .values({
          token_hash: input.tokenHash,
          user_id: input.userId,
          created_at: input.createdAt,
          expires_at: input.expiresAt,
          revoked_at: null,
        })
        .execute();
    },

    async revokeSession(tokenHash: string, at: Date) {
      await db
        .updateTable('sessions')
        .set({ revoked_at: at })
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .execute();
    },

    async findOrgByApiKey(
      keyHash: string,
    ): Promise<(OrganisationRow & { keyId: string; label: string }) | undefined> {
      const row = await db
        .selectFrom('api_keys as k')
        .innerJoin('organisations as o', 'o.id', 'k.org_id')
        .select([
          'k.id as key_id',
          'k.label',
          'o.id as org_id',
          'o.kind as org_kind',
          'o.department',
          'o.name as org_name',
          'o.jurisdiction_district_code',
          'o.party_id',
        ])
        .where('k.key_hash', '=', keyHash)
        .where('k.revoked_at', 'is', null)
        .executeTakeFirst();
      return row && { ...toOrg(row), keyId: row.key_id, label: row.label };
    },

    async getOrganisation(id: string): Promise<OrganisationRow | undefined> {
      return findOrganisationBy('id', id);
    },

    async findOrganisationByName(name: string): Promise<OrganisationRow | undefined> {
      return findOrganisationBy('name', name);
    },

    async insertOrganisation(org: OrganisationRow & { createdAt: Date }) {
      await db
        .insertInto('organisations')
        .values({
          id: org.id,
          kind: org.kind,
          department: org.department,
          name: org.name,
          jurisdiction_district_code: org.jurisdictionDistrictCode,
          party_id: org.partyId,
          created_at: org.createdAt,
        })
        .execute();
    },

    async linkOrganisationParty(orgId: string, partyId: string) {
      await db.updateTable('organisations').set({ party_id: partyId }).where('id', '=', orgId).execute();
    },

    async insertUser(user: {
      id: string;
      orgId: string;
      username: string;
      displayName: string;
      passwordHash: string;
      roles: readonly string[];
      createdAt: Date;
    }) {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          org_id: user.orgId,
          username: user.username,
          display_name: user.displayName,
          password_hash: user.passwordHash,
          roles: [...user.roles],
          status: 'active',
          created_at: user.createdAt,
        })
        .execute();
    },

    async insertApiKey(key: {
      id: string;
      orgId: string;
      label: string;
      keyPrefix: string;
      keyHash: string;
      createdBy: string;
      createdAt: Date;
    }) {
      await db
        .insertInto('api_keys')
        .values({
          id: key.id,
          org_id: key.orgId,
          label: key.label,
          key_prefix: key.keyPrefix,
          key_hash: key.keyHash,
          created_by: key.createdBy,
          created_at: key.createdAt,
          revoked_at: null,
          revoked_by: null,
        })
        .execute();
    },

    async findApiKeys(orgId: string): Promise<ApiKeyRow[]> {
      const rows = await db
        .selectFrom('api_keys')
        .select(['id', 'org_id', 'label', 'key_prefix', 'created_by', 'created_at', 'revoked_at'])
        .where('org_id', '=', orgId)
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        orgId: r.org_id,
        label: r.label,
        keyPrefix: r.key_prefix,
        createdBy: r.created_by,
        createdAt: r.created_at,
        revokedAt: r.revoked_at,
      }));
    },

    /** Marks a key revoked; returns false when it does not exist, is another org's, or was revoked. */
    async revokeApiKey(input: { id: string; orgId: string; at: Date; by: string }): Promise<boolean> {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: input.at, revoked_by: input.by })
        .where('id', '=', input.id)
        .where('org_id', '=', input.orgId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
