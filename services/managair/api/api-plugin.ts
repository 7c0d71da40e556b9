import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import { installJsonApiBodyParsers, requireAcceptable } from '../jsonapi/content-type';
import { apiRoutes } from './all-routes';
import { type ApiRoute, registerApiRoutes } from './api-route';
import type { Authenticator } from './authentication';
import { anonymousViewer, type Viewer } from './viewer';

export interface ApiPluginOptions {
  db: Kysely<Database>;
  authenticate: Authenticator;
  /** Extra routes (tests); the API's own come from all-routes.ts. */
  routes?: readonly ApiRoute[];
}

/** Loads what the permission rules need about a user: superuser flag and roles. */
async function loadViewer(db: Kysely<Database>, userId: string): Promise<Viewer> {
  const [user, memberships] = await Promise.all([
    db.selectFrom('users').select(['is_superuser', 'is_active']).where('id', '=', userId).executeTakeFirst(),
    db.selectFrom('memberships').select(['organization_id', 'role']).where('user_id', '=', userId).execute(),
  ]);
  if (!user?.is_active) return anonymousViewer;
  return {
    userId,
    isSuperuser: user.is_superuser,
    roles: new Map(memberships.map((m) => [String(m.organization_id), m.role])),
  };
}

/**
 * The managair API under /api/v1: JSON:API bodies and negotiation, authentication once per
 * request into a Viewer, then the routes. Registered with `prefix: apiPrefix`.
 */
export async function apiPlugin(app: FastifyInstance, options: ApiPluginOptions): Promise<void> {
  const viewers = new WeakMap<FastifyRequest, Viewer>();
  const viewerOf = (request: FastifyRequest) => viewers.get(request) ?? anonymousViewer;

  installJsonApiBodyParsers(app);
  app.addHook('onRequest', requireAcceptable);
  app.addHook('preHandler', async (request) => {
    const authentication = await options.authenticate(request);
    if (authentication) viewers.set(request, await loadViewer(options.db, authentication.userId));
  });
  // DRF answered 401 (not 403) to anonymous calls because TokenAuthentication names its scheme;
  // the dashboard redirects to the login page only on a 401.
  app.addHook('onSend', async (_request, reply) => {
    if (reply.statusCode === 401) reply.header('WWW-Authenticate', 'Token');
  });

  registerApiRoutes(app, [...apiRoutes, ...(options.routes ?? [])], { db: options.db, viewerOf });
}
