import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import { authRouteDescriptions } from '../accounts/auth-route-descriptions';
import { authRoutes } from '../accounts/auth-routes';
import type { Mailer } from '../accounts/mailer';
import { installJsonApiBodyParsers, requireAcceptable } from '../jsonapi/content-type';
import { apiRoutes } from './all-routes';
import { absoluteUrl } from '../jsonapi/links';
import { buildOpenApiDocument, type OpenApiDocument } from '../openapi/openapi-document';
import { apiPrefix, type ApiRoute, registerApiRoutes } from './api-route';
import type { Authentication, Authenticator } from './authentication';
import { maxImageBytes } from './installations/installation-image';
import { anonymousViewer, type Viewer } from './viewer';

export interface ApiPluginOptions {
  db: Kysely<Database>;
  authenticate: Authenticator;
  /** Extra routes (tests); the API's own come from all-routes.ts. */
  routes?: readonly ApiRoute[];
  /** The directory for uploaded installation images; without it, uploads answer 503. */
  mediaRoot?: string;
  /** Account mail (password reset); null when no SMTP is configured. */
  mailer: Mailer | null;
  /** The platform's public origin, for links in mails and Secure cookies. */
  publicOrigin?: string | undefined;
}

/**
 * What the permission rules need about a user: the authenticator has read the user already
 * (active, superuser or not), so only the roles remain to be loaded.
 */
async function loadViewer(db: Kysely<Database>, { userId, isSuperuser }: Authentication): Promise<Viewer> {
  const memberships = await db
    .selectFrom('memberships')
    .select(['organization_id', 'role'])
    .where('user_id', '=', userId)
    .execute();
  return { userId, isSuperuser, roles: new Map(memberships.map((m) => [String(m.organization_id), m.role])) };
}

/**
 * The managair API under /api/v1: JSON:API bodies and negotiation, authentication once per
 * request into a Viewer, then the routes. Registered with `prefix: apiPrefix`.
 */
export async function apiPlugin(app: FastifyInstance, options: ApiPluginOptions): Promise<void> {
  const viewers = new WeakMap<FastifyRequest, Viewer>();
  const viewerOf = (request: FastifyRequest) => viewers.get(request) ?? anonymousViewer;

  installJsonApiBodyParsers(app);
  // The installation image upload; the route reads the file itself and checks its size and type.
  await app.register(multipart, { limits: { files: 1, fileSize: maxImageBytes } });
  app.addHook('onRequest', requireAcceptable);
  app.addHook('preHandler', async (request) => {
    const authentication = await options.authenticate(request);
    if (authentication) viewers.set(request, await loadViewer(options.db, authentication));
  });
  // DRF answered 401 (not 403) to anonymous calls because TokenAuthentication names its scheme;
  // the dashboard redirects to the login page only on a 401.
  app.addHook('onSend', async (_request, reply) => {
    if (reply.statusCode === 401) reply.header('WWW-Authenticate', 'Token');
  });

  const routes = [...apiRoutes, ...(options.routes ?? [])];
  registerApiRoutes(app, routes, {
    db: options.db,
    viewerOf,
    ...(options.mediaRoot === undefined ? {} : { mediaRoot: options.mediaRoot }),
  });

  await app.register(authRoutes, {
    db: options.db,
    viewerOf,
    mailer: options.mailer,
    ...(options.publicOrigin === undefined ? {} : { publicOrigin: options.publicOrigin }),
  });
  registerDescriptionRoutes(app, routes);
}

/**
 * `GET /api/v1/`, the router root DRF served (each top-level list by name, as absolute URLs), and
 * `GET /api/v1/schema`, the OpenAPI document of exactly the routes served here, with this
 * server's own URL.
 */
function registerDescriptionRoutes(app: FastifyInstance, routes: readonly ApiRoute[]): void {
  const lists = routes.filter((r) => r.method === 'GET' && /^\/[\w-]+$/.test(r.path)).map((r) => r.path.slice(1));
  app.get('/', async (request) =>
    Object.fromEntries(lists.map((name) => [name, absoluteUrl(request, `${apiPrefix}/${name}/`)])),
  );
  // Built on the first request for it, not at start-up: only tests and tooling ask.
  let openApi: OpenApiDocument | undefined;
  app.get('/schema', async (request, reply) =>
    reply.type('application/vnd.oai.openapi+json').send({
      ...(openApi ??= buildOpenApiDocument([...routes, ...authRouteDescriptions])),
      servers: [{ url: absoluteUrl(request, apiPrefix) }],
    }),
  );
}
