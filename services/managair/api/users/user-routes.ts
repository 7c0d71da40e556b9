import { sql } from 'kysely';

import type { ApiContext, ApiRoute } from '../api-route';
import { collectionDocumentSchema, singleDocumentSchema } from '../document-schemas';
import { fetchPage, listResult, resourceResult } from '../list-document';
import { findVisibleOrganization } from '../organizations/organization-resource';
import { filterId, idParam, notFound } from '../path-ids';
import { parseUpdateBody, requestDocumentSchema } from '../request-document';
import { containsText } from '../search';
import { HttpProblem } from '../../serve/problems';
import { userAdminRoutes } from './user-admin-routes';
import { requireUser, type Viewer } from '../viewer';
import { visibleMembershipIds, visibleUserIds } from '../visibility';
import {
  findVisibleUser,
  userBody,
  userQuery,
  userResource,
  userSchema,
  usernameResource,
  usernameSchema,
} from './user-resource';

/**
 * Users (original-clair.md §3.3.3–3.3.5). Never public: anonymous requests get 401. There is no
 * POST for them: people register through the accounts pages (superusers: user-admin-routes.ts).
 *
 * - Deviation, closing a hole (§8.4): the original listed every username to anyone signed in
 *   and let them probe e-mail addresses with `filter[search]`. Here the list holds the viewer
 *   and the members of the viewer's organizations, and `filter[search]` is a case-insensitive
 *   "contains" on username and e-mail among those. The dashboard's add-member flow
 *   (`GET users?filter[search]=bob%40example.org`, which must find exactly one user) still
 *   works: an owner of at least one organization also finds the active user whose e-mail equals
 *   the term exactly (case-insensitive), and only as a username. Nobody else can probe.
 * - Lists show usernames only (the original's UsernameSerializer); the detail shows name and
 *   e-mail, for the viewer and their co-members.
 * - PATCH: the user themselves may change first and last name; a superuser may change anyone's,
 *   and `is_active` too (write-only: the detail does not show it, as the original's did not).
 */

const ownsAnOrganization = (viewer: Viewer) => viewer.isSuperuser || [...viewer.roles.values()].includes('O');

export const userRoutes: ApiRoute[] = [
  ...userAdminRoutes,
  {
    method: 'GET',
    path: '/users',
    operationId: 'listUsers',
    summary: 'You and the members of your organizations (usernames)',
    tag: 'Users',
    access: 'signed-in users; owners also find a user by exact e-mail with filter[search]',
    query: { filters: ['search', 'organization'] },
    paginated: true,
    responses: { 200: collectionDocumentSchema(usernameSchema) },
    handle: async (context) => {
      const { db, viewer } = context;
      requireUser(viewer);
      const { search, organization } = context.query.filter;
      let users = db
        .selectFrom('users')
        .select(['users.id', 'users.username'])
        .where((eb) => {
          const visible = eb('users.id', 'in', visibleUserIds(db, viewer));
          if (!search) return visible;
          const found = eb.and([
            visible,
            eb.or([containsText(eb, 'users.username', search), containsText(eb, 'users.email', search)]),
          ]);
          if (!ownsAnOrganization(viewer)) return found;
          return eb.or([
            found,
            eb.and([eb(sql<string>`lower(users.email)`, '=', search.toLowerCase()), eb('users.is_active', '=', true)]),
          ]);
        })
        .orderBy('users.id');
      if (organization !== undefined)
        users = users.where((eb) =>
          eb.exists(
            eb
              .selectFrom('memberships')
              .select('memberships.id')
              .whereRef('memberships.user_id', '=', 'users.id')
              .where('memberships.organization_id', '=', filterId(organization)),
          ),
        );
      const { page, rows } = await fetchPage(context, users);
      return listResult(
        context,
        page,
        rows.map((row) => usernameResource(row, context.url)),
      );
    },
  },
  {
    method: 'GET',
    path: '/users/:id',
    operationId: 'getUser',
    summary: 'One user: yourself or a member of one of your organizations',
    tag: 'Users',
    access: 'signed-in users',
    query: userQuery,
    responses: { 200: singleDocumentSchema(userSchema) },
    handle: async (context) => {
      requireUser(context.viewer);
      const user = await findVisibleUser(context, idParam(context.params));
      return resourceResult(200, await userResource(context, user));
    },
  },
  {
    method: 'PATCH',
    path: '/users/:id',
    operationId: 'updateUser',
    summary: 'Change your name (a superuser: anyone, and whether the account is active or a superuser)',
    tag: 'Users',
    access: 'the user themselves; a superuser',
    requestBody: requestDocumentSchema(userBody, 'update'),
    responses: { 200: singleDocumentSchema(userSchema) },
    handle: async (context) => {
      const { viewer } = context;
      requireUser(viewer);
      const id = idParam(context.params);
      const current = await findVisibleUser(context, id);
      if (id !== viewer.userId && !viewer.isSuperuser)
        throw new HttpProblem(403, 'permission_denied', 'You may change only your own account.');
      const { attributes } = parseUpdateBody(context.request.body, userBody, id);
      for (const flag of ['is_active', 'is_superuser'] as const)
        if (attributes[flag] !== undefined && !viewer.isSuperuser)
          throw new HttpProblem(
            403,
            'permission_denied',
            'Only a superuser may change whether an account is active or a superuser.',
            `/data/attributes/${flag}`,
          );
      const changes = {
        ...(attributes.first_name === undefined ? {} : { first_name: attributes.first_name }),
        ...(attributes.last_name === undefined ? {} : { last_name: attributes.last_name }),
        ...(attributes.is_active === undefined ? {} : { is_active: attributes.is_active }),
        ...(attributes.is_superuser === undefined
          ? {}
          : { is_superuser: attributes.is_superuser, is_staff: attributes.is_superuser }),
      };
      const user = Object.keys(changes).length
        ? await context.db
            .updateTable('users')
            .set(changes)
            .where('id', '=', id)
            .returning(['id', 'username', 'email', 'first_name', 'last_name'])
            .executeTakeFirstOrThrow()
        : current;
      return resourceResult(200, await userResource(context, user));
    },
  },
  {
    method: 'GET',
    path: '/memberships/:id/user',
    operationId: 'getMembershipUser',
    summary: 'The user of a membership',
    tag: 'Memberships',
    access: 'signed-in members of the membership’s organization',
    query: userQuery,
    responses: { 200: singleDocumentSchema(userSchema) },
    handle: async (context: ApiContext) => {
      requireUser(context.viewer);
      const membership = await context.db
        .selectFrom('memberships')
        .select('user_id')
        .where('id', '=', idParam(context.params))
        .where('id', 'in', visibleMembershipIds(context.db, context.viewer))
        .executeTakeFirst();
      if (!membership) throw notFound('membership');
      const user = await findVisibleUser(context, String(membership.user_id));
      return resourceResult(200, await userResource(context, user));
    },
  },
  {
    method: 'GET',
    path: '/organizations/:id/users',
    operationId: 'listOrganizationUsers',
    summary: 'The members of an organization (usernames)',
    tag: 'Organizations',
    access: 'signed-in users; members are listed only to those who may see them',
    paginated: true,
    responses: { 200: collectionDocumentSchema(usernameSchema) },
    handle: async (context) => {
      const { db, viewer } = context;
      requireUser(viewer);
      const organizationId = idParam(context.params);
      await findVisibleOrganization(context, organizationId);
      const users = db
        .selectFrom('users')
        .select(['users.id', 'users.username'])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('memberships')
              .select('memberships.id')
              .whereRef('memberships.user_id', '=', 'users.id')
              .where('memberships.organization_id', '=', organizationId),
          ),
        )
        .where('users.id', 'in', visibleUserIds(db, viewer))
        .orderBy('users.id');
      const { page, rows } = await fetchPage(context, users);
      return listResult(
        context,
        page,
        rows.map((row) => usernameResource(row, context.url)),
      );
    },
  },
];
