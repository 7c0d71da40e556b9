import { z } from 'zod';

import { linkOnly, resourceObject, toMany, type ResourceObject } from '../../jsonapi/resource';
import type { ApiContext } from '../api-route';
import { optionalText, requiredText } from '../attribute-fields';
import { resourceSchema } from '../document-schemas';
import type { ResourceBodySpec } from '../request-document';
import { notFound } from '../path-ids';
import { visibleOrganizationIds, visibleUserIds } from '../visibility';

/**
 * Organization (original-clair.md §3.3.4). `users` carries linkage, which the dashboard resolves
 * from its store (original-clients.md §5.2); memberships, sites and nodes are links only.
 */
export const organizationAttributes = z.object({
  name: z.string(),
  description: z.string().nullable(),
});
export type OrganizationAttributes = z.infer<typeof organizationAttributes>;

export const organizationSchema = resourceSchema('Organization', organizationAttributes, {
  users: { type: 'User', many: true },
  memberships: { type: 'Membership', many: true, linkOnly: true },
  sites: { type: 'Site', many: true, linkOnly: true },
  nodes: { type: 'Node', many: true, linkOnly: true },
});

export const organizationBody = {
  type: 'Organization',
  attributes: z.object({
    name: requiredText(50),
    description: optionalText().optional(),
  }),
} satisfies ResourceBodySpec<z.ZodRawShape>;

export const organizationColumns = ['organizations.id', 'organizations.name', 'organizations.description'] as const;

export interface OrganizationRow extends OrganizationAttributes {
  id: string;
}

export const organizationQuery = {
  fields: { Organization: ['name', 'description', 'users', 'memberships', 'sites', 'nodes'] },
};

/**
 * The members of each organization that the viewer may see as users (visibility.ts): all of
 * them for a member, none of a public organization's for a stranger, whose members stay private.
 */
async function visibleMemberIds(context: ApiContext, organizationIds: readonly string[]) {
  const byOrganization = new Map<string, string[]>(organizationIds.map((id) => [id, []]));
  if (organizationIds.length === 0) return byOrganization;
  const rows = await context.db
    .selectFrom('memberships')
    .select(['organization_id', 'user_id'])
    .where('organization_id', 'in', organizationIds)
    .where('user_id', 'in', visibleUserIds(context.db, context.viewer))
    .orderBy('user_id')
    .execute();
  for (const row of rows) byOrganization.get(String(row.organization_id))?.push(String(row.user_id));
  return byOrganization;
}

function organizationResource(row: OrganizationRow, userIds: readonly string[], url: ApiContext['url']) {
  return resourceObject(
    'Organization',
    row.id,
    { name: row.name, description: row.description } satisfies OrganizationAttributes,
    {
      relationships: {
        users: toMany('User', userIds, url(`/organizations/${row.id}/users/`)),
        memberships: linkOnly(url(`/organizations/${row.id}/memberships/`)),
        sites: linkOnly(url(`/organizations/${row.id}/sites/`)),
        nodes: linkOnly(url(`/organizations/${row.id}/nodes/`)),
      },
      self: url(`/organizations/${row.id}/`),
    },
  );
}

/** Resource objects of organization rows, with their `users` linkage read in one query. */
export async function organizationResources(
  context: ApiContext,
  rows: readonly OrganizationRow[],
): Promise<ResourceObject[]> {
  const members = await visibleMemberIds(
    context,
    rows.map((row) => row.id),
  );
  return rows.map((row) => organizationResource(row, members.get(row.id) ?? [], context.url));
}

export async function organizationResourceOf(context: ApiContext, row: OrganizationRow): Promise<ResourceObject> {
  const [resource] = await organizationResources(context, [row]);
  return resource!;
}

/** An organization the viewer may see, or 404. */
export async function findVisibleOrganization(context: ApiContext, id: string): Promise<OrganizationRow> {
  const organization = await context.db
    .selectFrom('organizations')
    .select(organizationColumns)
    .where('organizations.id', '=', id)
    .where('organizations.id', 'in', visibleOrganizationIds(context.db, context.viewer))
    .executeTakeFirst();
  if (!organization) throw notFound('organization');
  return organization;
}
