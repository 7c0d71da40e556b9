import type { Kysely } from 'kysely';
import { z } from 'zod';

import type { Database } from '../../../database/tables';
import { resourceObject, toOne, type ResourceObject } from '../../jsonapi/resource';
import { resourceSchema } from '../document-schemas';
import type { ResourceBodySpec } from '../request-document';
import type { Role } from '../viewer';

/**
 * Membership (original-clair.md §3.3.4): `user_name` and `organization_name` are read-only
 * copies the team page shows without fetching the user or the organization.
 */
export const membershipAttributes = z.object({
  role: z.enum(['O', 'I']),
  user_name: z.string(),
  organization_name: z.string(),
});
export type MembershipAttributes = z.infer<typeof membershipAttributes>;

export const membershipSchema = resourceSchema('Membership', membershipAttributes, {
  organization: { type: 'Organization' },
  user: { type: 'User' },
});

const role = z.enum(['O', 'I'], 'Choose "O" (owner) or "I" (inspector).');

/** The dashboard never sends the role on create (original-clients.md §4d): it defaults to inspector. */
export const membershipBody = {
  type: 'Membership',
  attributes: z.object({ role: role.optional() }),
  relationships: {
    organization: { type: 'Organization', required: true },
    user: { type: 'User', required: true },
  },
} satisfies ResourceBodySpec<z.ZodRawShape>;

export interface MembershipRow {
  id: string;
  role: Role;
  user_id: string | number;
  organization_id: string | number;
  user_name: string;
  organization_name: string;
}

/** Memberships with the names they show, to be filtered and ordered by the caller. */
export function membershipQuery(db: Kysely<Database>) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select([
      'memberships.id',
      'memberships.role',
      'memberships.user_id',
      'memberships.organization_id',
      'users.username as user_name',
      'organizations.name as organization_name',
    ]);
}

export const membershipQuerySpec = {
  fields: { Membership: ['role', 'user_name', 'organization_name', 'organization', 'user'] },
};

export function membershipResource(row: MembershipRow, url: (path: string) => string): ResourceObject {
  return resourceObject(
    'Membership',
    row.id,
    {
      role: row.role,
      user_name: row.user_name,
      organization_name: row.organization_name,
    } satisfies MembershipAttributes,
    {
      relationships: {
        organization: toOne('Organization', row.organization_id, url(`/memberships/${row.id}/organization/`)),
        user: toOne('User', row.user_id, url(`/memberships/${row.id}/user/`)),
      },
      self: url(`/memberships/${row.id}/`),
    },
  );
}
