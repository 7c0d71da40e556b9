import { z } from 'zod';

import { resourceObject, toMany, type ResourceObject } from '../../jsonapi/resource';
import type { ApiContext } from '../api-route';
import { flexibleBoolean } from '../attribute-fields';
import { resourceSchema } from '../document-schemas';
import { notFound } from '../path-ids';
import type { ResourceBodySpec } from '../request-document';
import { visibleMembershipIds, visibleUserIds } from '../visibility';

/**
 * User (original-clair.md §3.3.4). Lists show the username only, as the original's
 * UsernameSerializer did; the detail shows the name and e-mail and the memberships the viewer
 * may see, which the team page reads (`membership.user.email`).
 */
export const userAttributes = z.object({
  username: z.string(),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
});
export type UserAttributes = z.infer<typeof userAttributes>;

export const userSchema = resourceSchema('User', userAttributes, {
  organizations: { type: 'Organization', many: true },
  memberships: { type: 'Membership', many: true },
});

/** The list form of a User; its own schema id, since `User` names the full form. */
export const usernameSchema = z
  .object({
    type: z.literal('User'),
    id: z.string(),
    attributes: z.object({ username: z.string() }),
    links: z.object({ self: z.string() }).optional(),
  })
  .meta({ id: 'Username' });

/**
 * What a PATCH may change: the names (the user themselves or a superuser), `is_active` and
 * `is_superuser` (a superuser only). Username and e-mail are the accounts pages' business (e-mail needs
 * confirming), so they are read-only here and ignored when sent, as DRF ignored read-only fields.
 */
export const userBody = {
  type: 'User',
  attributes: z.object({
    first_name: z.string().trim().max(150),
    last_name: z.string().trim().max(150),
    is_active: flexibleBoolean,
    is_superuser: flexibleBoolean,
  }),
} satisfies ResourceBodySpec<z.ZodRawShape>;

export const userColumns = [
  'users.id',
  'users.username',
  'users.email',
  'users.first_name',
  'users.last_name',
] as const;

export interface UserRow extends UserAttributes {
  id: string;
}

export const userQuery = {
  fields: { User: ['username', 'email', 'first_name', 'last_name', 'organizations', 'memberships'] },
};

/** A user the viewer may see in full (themselves or a co-member), or 404. */
export async function findVisibleUser(context: ApiContext, id: string): Promise<UserRow> {
  const user = await context.db
    .selectFrom('users')
    .select(userColumns)
    .where('users.id', '=', id)
    .where('users.id', 'in', visibleUserIds(context.db, context.viewer))
    .executeTakeFirst();
  if (!user) throw notFound('user');
  return user;
}

export function usernameResource(row: { id: string; username: string }, url: ApiContext['url']): ResourceObject {
  return resourceObject('User', row.id, { username: row.username }, { self: url(`/users/${row.id}/`) });
}

/** The full user, with linkage to the memberships (and their organizations) the viewer may see. */
export async function userResource(context: ApiContext, row: UserRow): Promise<ResourceObject> {
  const memberships = await context.db
    .selectFrom('memberships')
    .select(['id', 'organization_id'])
    .where('user_id', '=', row.id)
    .where('id', 'in', visibleMembershipIds(context.db, context.viewer))
    .orderBy('id')
    .execute();
  return resourceObject(
    'User',
    row.id,
    {
      username: row.username,
      email: row.email,
      first_name: row.first_name,
      last_name: row.last_name,
    } satisfies UserAttributes,
    {
      relationships: {
        organizations: toMany(
          'Organization',
          memberships.map((m) => m.organization_id),
          context.url(`/users/${row.id}/organizations/`),
        ),
        memberships: toMany(
          'Membership',
          memberships.map((m) => m.id),
          context.url(`/users/${row.id}/memberships/`),
        ),
      },
      self: context.url(`/users/${row.id}/`),
    },
  );
}
