import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import { memberOrganizationIds, type Viewer } from './viewer';

/**
 * Which rows a viewer may read (original-clair.md §3.3.5), as id subqueries to put in a WHERE:
 * `.where('sites.id', 'in', visibleSiteIds(db, viewer))`. One place for the rules, so that a list,
 * a detail, a related route and the analysis cannot disagree.
 *
 * - A superuser sees everything.
 * - A member sees everything of the organizations they belong to, in any role.
 * - Everyone, anonymous included, sees the chain of a public installation: the installation, its
 *   room, that room's site and the site's operator. One public installation makes that whole
 *   chain listable, as in the original (doc/api.md "Public Resources"); nothing else is public.
 * - Nodes, node time series, memberships, addresses and fidelity are never public (the routes
 *   refuse anonymous requests to them with 401 before asking).
 */

type Db = Kysely<Database>;

/** `[]` would make `IN ()`, which PostgreSQL rejects; no organization has id 0 (identity starts at 1). */
function memberIds(viewer: Viewer): string[] {
  const ids = memberOrganizationIds(viewer);
  return ids.length ? ids : ['0'];
}

export function visibleInstallationIds(db: Db, viewer: Viewer) {
  const query = db.selectFrom('installations').select('installations.id');
  if (viewer.isSuperuser) return query;
  return query
    .innerJoin('rooms', 'rooms.id', 'installations.room_id')
    .innerJoin('sites', 'sites.id', 'rooms.site_id')
    .where((eb) => eb.or([eb('installations.is_public', '=', true), eb('sites.operator_id', 'in', memberIds(viewer))]));
}

export function visibleRoomIds(db: Db, viewer: Viewer) {
  const query = db.selectFrom('rooms').select('rooms.id');
  if (viewer.isSuperuser) return query;
  return query
    .innerJoin('sites', 'sites.id', 'rooms.site_id')
    .where((eb) =>
      eb.or([
        eb('sites.operator_id', 'in', memberIds(viewer)),
        eb.exists(
          eb
            .selectFrom('installations')
            .select('installations.id')
            .whereRef('installations.room_id', '=', 'rooms.id')
            .where('installations.is_public', '=', true),
        ),
      ]),
    );
}

export function visibleSiteIds(db: Db, viewer: Viewer) {
  const query = db.selectFrom('sites').select('sites.id');
  if (viewer.isSuperuser) return query;
  return query.where((eb) =>
    eb.or([
      eb('sites.operator_id', 'in', memberIds(viewer)),
      eb.exists(
        eb
          .selectFrom('installations')
          .innerJoin('rooms', 'rooms.id', 'installations.room_id')
          .select('installations.id')
          .whereRef('rooms.site_id', '=', 'sites.id')
          .where('installations.is_public', '=', true),
      ),
    ]),
  );
}

export function visibleOrganizationIds(db: Db, viewer: Viewer) {
  const query = db.selectFrom('organizations').select('organizations.id');
  if (viewer.isSuperuser) return query;
  return query.where((eb) =>
    eb.or([
      eb('organizations.id', 'in', memberIds(viewer)),
      eb.exists(
        eb
          .selectFrom('installations')
          .innerJoin('rooms', 'rooms.id', 'installations.room_id')
          .innerJoin('sites', 'sites.id', 'rooms.site_id')
          .select('installations.id')
          .whereRef('sites.operator_id', '=', 'organizations.id')
          .where('installations.is_public', '=', true),
      ),
    ]),
  );
}

/** Nodes of the viewer's organizations; never public. */
export function visibleNodeIds(db: Db, viewer: Viewer) {
  const query = db.selectFrom('nodes').select('nodes.id');
  if (viewer.isSuperuser) return query;
  return query.where('nodes.owner_id', 'in', memberIds(viewer));
}

/** Memberships of the viewer's organizations (the team page lists its colleagues). */
export function visibleMembershipIds(db: Db, viewer: Viewer) {
  const query = db.selectFrom('memberships').select('memberships.id');
  if (viewer.isSuperuser) return query;
  return query.where('memberships.organization_id', 'in', memberIds(viewer));
}

/** Addresses of the sites of the viewer's organizations, or of sites visible through a public installation. */
export function visibleAddressIds(db: Db, viewer: Viewer) {
  const query = db.selectFrom('addresses').select('addresses.id');
  if (viewer.isSuperuser) return query;
  return query.where((eb) =>
    eb.exists(
      eb
        .selectFrom('sites')
        .select('sites.id')
        .whereRef('sites.address_id', '=', 'addresses.id')
        .where('sites.id', 'in', visibleSiteIds(db, viewer)),
    ),
  );
}

/**
 * Users the viewer may see in full: themselves and the members of their organizations. The
 * original listed every username to anyone signed in (§8.4); here a user outside the viewer's
 * organizations is found only by an exact e-mail (the add-member search), see the users route.
 */
export function visibleUserIds(db: Db, viewer: Viewer) {
  const query = db.selectFrom('users').select('users.id');
  if (viewer.isSuperuser) return query;
  return query.where((eb) =>
    eb.or([
      eb('users.id', '=', viewer.userId ?? '0'),
      eb.exists(
        eb
          .selectFrom('memberships')
          .select('memberships.id')
          .whereRef('memberships.user_id', '=', 'users.id')
          .where('memberships.organization_id', 'in', memberIds(viewer)),
      ),
    ]),
  );
}
