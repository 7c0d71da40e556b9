import type { ResourceObject } from '../../jsonapi/resource';
import { addressColumns, addressResource } from '../addresses/address-resource';
import type { ApiContext } from '../api-route';
import { installationList } from '../installations/installation-documents';
import { installationColumns } from '../installations/installation-resource';
import { membershipQuery, membershipResource } from '../memberships/membership-resource';
import { modelColumns, modelResource, quantityIdsOfModels } from '../models/model-resource';
import { nodeList } from '../nodes/node-documents';
import { nodeColumns } from '../nodes/node-resource';
import { organizationColumns, organizationResources } from '../organizations/organization-resource';
import { protocolColumns, protocolResource } from '../protocols/protocol-resource';
import { quantityColumns, quantityResource } from '../quantities/quantity-resource';
import { roomColumns, roomResource } from '../rooms/room-resource';
import { siteColumns, siteResource } from '../sites/site-resource';
import { userColumns, userResource } from '../users/user-resource';
import {
  visibleAddressIds,
  visibleInstallationIds,
  visibleMembershipIds,
  visibleNodeIds,
  visibleOrganizationIds,
  visibleRoomIds,
  visibleSiteIds,
  visibleUserIds,
} from '../visibility';
import type { IncludableType } from './resource-schemas';

/**
 * The resources of the given ids (never empty) that the viewer may read, serialized as their own
 * routes serialize them. Ids the viewer may not see are left out, not refused: linkage may
 * name a resource the viewer cannot read (an anonymous viewer's public installation names its
 * node), and JSON:API allows `included` to resolve only part of it.
 */
export type ResourceLoader = (context: ApiContext, ids: readonly string[]) => Promise<ResourceObject[]>;

/** Nodes and installations in their list form: statistics over all samples, no series. */
export const resourceLoaders: Record<IncludableType, ResourceLoader> = {
  Organization: async (context, ids) =>
    organizationResources(
      context,
      await context.db
        .selectFrom('organizations')
        .select(organizationColumns)
        .where('organizations.id', 'in', ids)
        .where('organizations.id', 'in', visibleOrganizationIds(context.db, context.viewer))
        .execute(),
    ),
  Membership: async ({ db, viewer, url }, ids) =>
    (
      await membershipQuery(db)
        .where('memberships.id', 'in', ids)
        .where('memberships.id', 'in', visibleMembershipIds(db, viewer))
        .execute()
    ).map((row) => membershipResource(row, url)),
  User: async (context, ids) => {
    const { db, viewer } = context;
    const rows = await db
      .selectFrom('users')
      .select(userColumns)
      .where('users.id', 'in', ids)
      .where('users.id', 'in', visibleUserIds(db, viewer))
      .execute();
    return Promise.all(rows.map((row) => userResource(context, row)));
  },
  Site: async ({ db, viewer, url }, ids) =>
    (
      await db
        .selectFrom('sites')
        .select(siteColumns)
        .where('sites.id', 'in', ids)
        .where('sites.id', 'in', visibleSiteIds(db, viewer))
        .execute()
    ).map((row) => siteResource(row, url)),
  Address: async ({ db, viewer, url }, ids) =>
    (
      await db
        .selectFrom('addresses')
        .select(addressColumns)
        .where('addresses.id', 'in', ids)
        .where('addresses.id', 'in', visibleAddressIds(db, viewer))
        .execute()
    ).map((row) => addressResource(row, url)),
  Room: async ({ db, viewer, url }, ids) =>
    (
      await db
        .selectFrom('rooms')
        .select(roomColumns)
        .where('rooms.id', 'in', ids)
        .where('rooms.id', 'in', visibleRoomIds(db, viewer))
        .execute()
    ).map((row) => roomResource(row, url)),
  Node: async (context, ids) =>
    nodeList(
      context,
      await context.db
        .selectFrom('nodes')
        .select(nodeColumns)
        .where('nodes.id', 'in', ids)
        .where('nodes.id', 'in', visibleNodeIds(context.db, context.viewer))
        .execute(),
    ),
  Installation: async (context, ids) =>
    installationList(
      context,
      await context.db
        .selectFrom('installations')
        .select(installationColumns)
        .where('installations.id', 'in', ids)
        .where('installations.id', 'in', visibleInstallationIds(context.db, context.viewer))
        .execute(),
    ),
  // The catalogue is public: the dashboard reads it before signing in.
  Model: async ({ db, url }, ids) => {
    const rows = await db.selectFrom('node_models').select(modelColumns).where('node_models.id', 'in', ids).execute();
    const quantities = await quantityIdsOfModels(
      db,
      rows.map((row) => row.id),
    );
    return rows.map((row) => modelResource(row, quantities.get(row.id) ?? [], url));
  },
  Protocol: async ({ db, url }, ids) =>
    (await db.selectFrom('protocols').select(protocolColumns).where('protocols.id', 'in', ids).execute()).map((row) =>
      protocolResource(row, url),
    ),
  Quantity: async ({ db, url }, ids) =>
    (await db.selectFrom('quantities').select(quantityColumns).where('quantities.id', 'in', ids).execute()).map((row) =>
      quantityResource(row, url),
    ),
};
