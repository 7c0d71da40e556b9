import { z } from 'zod';

import { type IdInput, resourceObject, toMany, type ResourceObject } from '../../jsonapi/resource';
import type { ApiContext } from '../api-route';
import { optionalText, requiredText } from '../attribute-fields';
import { resourceSchema } from '../document-schemas';
import type { ResourceBodySpec } from '../request-document';
import { notFound } from '../path-ids';
import {
  visibleMembershipIds,
  visibleNodeIds,
  visibleOrganizationIds,
  visibleSiteIds,
  visibleUserIds,
} from '../visibility';

/**
 * Organization (original-clair.md §3.3.4). Every relationship carries linkage, as DJA rendered
 * it, so that `include=users,memberships,sites,nodes` can resolve it; the dashboard resolves
 * `users` from its store (original-clients.md §5.2). Linkage names only what the viewer may see.
 */
export const organizationAttributes = z.object({
  name: z.string(),
  description: z.string().nullable(),
});
export type OrganizationAttributes = z.infer<typeof organizationAttributes>;

export const organizationSchema = resourceSchema('Organization', organizationAttributes, {
  users: { type: 'User', many: true },
  memberships: { type: 'Membership', many: true },
  sites: { type: 'Site', many: true },
  nodes: { type: 'Node', many: true },
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

/** Per relationship, an organization's related ids. */
type RelatedIds = Record<'users' | 'memberships' | 'sites' | 'nodes', (organizationId: string) => string[]>;

/** `{owner, id}` rows as a lookup of each owner's ids, in row order. */
function idsByOwner(rows: readonly { owner: IdInput; id: IdInput }[]): (owner: string) => string[] {
  const byOwner = new Map<string, string[]>();
  for (const row of rows) {
    const owner = String(row.owner);
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), String(row.id)]);
  }
  return (owner) => byOwner.get(owner) ?? [];
}

/**
 * The organizations' related ids that the viewer may see (visibility.ts): all of them for a
 * member; for a stranger to a public organization only its public sites, since its members
 * and nodes stay private.
 */
async function relatedIdsOf(context: ApiContext, ids: readonly string[]): Promise<RelatedIds> {
  const { db, viewer } = context;
  const [users, memberships, sites, nodes] = await Promise.all([
    db
      .selectFrom('memberships')
      .select(['organization_id as owner', 'user_id as id'])
      .where('organization_id', 'in', ids)
      .where('user_id', 'in', visibleUserIds(db, viewer))
      .orderBy('user_id')
      .execute(),
    db
      .selectFrom('memberships')
      .select(['organization_id as owner', 'id'])
      .where('organization_id', 'in', ids)
      .where('id', 'in', visibleMembershipIds(db, viewer))
      .orderBy('id')
      .execute(),
    db
      .selectFrom('sites')
      .select(['operator_id as owner', 'id'])
      .where('operator_id', 'in', ids)
      .where('id', 'in', visibleSiteIds(db, viewer))
      .orderBy('id')
      .execute(),
    db
      .selectFrom('nodes')
      .select(['owner_id as owner', 'id'])
      .where('owner_id', 'in', ids)
      .where('id', 'in', visibleNodeIds(db, viewer))
      .orderBy('id')
      .execute(),
  ]);
  return {
    users: idsByOwner(users),
    memberships: idsByOwner(memberships),
    sites: idsByOwner(sites),
    nodes: idsByOwner(nodes),
  };
}

function organizationResource(row: OrganizationRow, related: RelatedIds, url: ApiContext['url']) {
  const link = (name: string) => url(`/organizations/${row.id}/${name}/`);
  return resourceObject(
    'Organization',
    row.id,
    { name: row.name, description: row.description } satisfies OrganizationAttributes,
    {
      relationships: {
        users: toMany('User', related.users(row.id), link('users')),
        memberships: toMany('Membership', related.memberships(row.id), link('memberships')),
        sites: toMany('Site', related.sites(row.id), link('sites')),
        nodes: toMany('Node', related.nodes(row.id), link('nodes')),
      },
      self: url(`/organizations/${row.id}/`),
    },
  );
}

/** Resource objects of organization rows, with their linkage read in one query per relationship. */
export async function organizationResources(
  context: ApiContext,
  rows: readonly OrganizationRow[],
): Promise<ResourceObject[]> {
  if (rows.length === 0) return [];
  const related = await relatedIdsOf(
    context,
    rows.map((row) => row.id),
  );
  return rows.map((row) => organizationResource(row, related, context.url));
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
