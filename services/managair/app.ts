import type { Writable } from 'node:stream';

import Fastify, { type FastifyInstance } from 'fastify';

import { openDatabase } from '../database/connection';
import { accountPages } from './accounts/account-pages';
import { createAuthenticator } from './accounts/authenticator';
import { createMailer, type SmtpOptions } from './accounts/mailer';
import type { ServeMode } from './env';
import { apiPlugin } from './api/api-plugin';
import { apiPrefix } from './api/api-route';
import { ingestRoutes } from './ingest/ingest-routes';
import { jsonApiRouterOptions } from './jsonapi/trailing-slash';
import { installHealth } from './serve/health';
import { createMetrics, installMetrics } from './serve/metrics';
import { installProblemHandlers } from './serve/problems';
import { SchemaGate } from './serve/schema-gate';

export interface AppOptions {
  /** `api`: migrates at start; `ingest` (ingestair): waits for a current schema, serves /ingest. */
  mode: ServeMode;
  databaseUrl: string;
  /** Required in ingest mode. */
  ingestToken?: string;
  logLevel?: string;
  /** Where the JSON log lines go; stdout when omitted. */
  logStream?: Writable;
  /** Where the API stores uploaded installation images; without it, uploads answer 503. */
  mediaRoot?: string;
  /** The reverse proxies to believe for the client address and protocol (Fastify's trustProxy). */
  trustProxy?: string[];
  /** How often ingest mode looks for a current schema; tests shorten it. */
  schemaPollMs?: number;
  /** API mode: the platform's public origin (https://clair.example), for mail links and Secure cookies. */
  publicOrigin?: string;
  /** API mode: how account mail is sent; without it, sign-up and password reset say they cannot. */
  smtp?: SmtpOptions;
}

export interface ManagairApp {
  app: FastifyInstance;
  /**
   * Readies the app, then resolves once the schema is current (or the app closed first); rejects
   * when a migration fails in API mode, since that process cannot serve its database.
   */
  schemaReady: () => Promise<void>;
}

/**
 * The managair application, either mode, built but not listening: `managair serve` listens and
 * shuts it down, tests call `inject` or listen on a port of their own. Dependencies are passed to
 * each route plugin explicitly rather than decorated, so every plugin says what it uses.
 */
export function buildApp(options: AppOptions): ManagairApp {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.logStream ? { stream: options.logStream } : {}),
      // The ingest token travels in Authorization; no log line may carry it, whatever logs a request.
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    // Both URL forms, with and without the trailing slash (jsonapi/trailing-slash.ts).
    routerOptions: jsonApiRouterOptions,
    // Bounded so that a slow or stalled client cannot hold a connection forever.
    connectionTimeout: 60_000,
    requestTimeout: 60_000,
    keepAliveTimeout: 75_000,
  });

  const database = openDatabase(options.databaseUrl, (error) =>
    app.log.warn({ err: error }, 'database connection lost'),
  );

  const schema = new SchemaGate(
    database.db,
    options.mode === 'api' ? 'migrate' : 'wait',
    app.log,
    options.schemaPollMs,
  );
  // Started when the app is ready (listen or the first inject), stopped before the pool closes.
  app.addHook('onReady', async () => {
    schema.start().catch((error: unknown) => app.log.error({ err: error }, 'Migrating the database failed'));
  });
  app.addHook('onClose', async () => {
    schema.stop();
    await database.close();
  });

  installProblemHandlers(app);
  const metrics = createMetrics();
  installMetrics(app, metrics);
  installHealth(app, database, schema);

  if (options.mode === 'ingest') {
    if (!options.ingestToken) throw new Error('ingest mode needs an ingest token');
    void app.register(ingestRoutes, {
      prefix: '/ingest/v1',
      database,
      schema,
      metrics,
      token: options.ingestToken,
    });
  }

  if (options.mode === 'api') {
    // Accounts (services/managair/accounts): the /accounts pages beside the API's /auth routes.
    const mailer = options.smtp ? createMailer(options.smtp) : null;
    if (mailer) app.addHook('onClose', async () => mailer.close());
    else app.log.warn('SMTP is not configured: sign-up, e-mail confirmation and password reset are unavailable');
    void app.register(accountPages, { db: database.db, mailer, publicOrigin: options.publicOrigin });
    void app.register(apiPlugin, {
      prefix: apiPrefix,
      db: database.db,
      authenticate: createAuthenticator(database.db, { publicOrigin: options.publicOrigin }),
      mailer,
      publicOrigin: options.publicOrigin,
      ...(options.mediaRoot === undefined ? {} : { mediaRoot: options.mediaRoot }),
    });
  }

  return {
    app,
    schemaReady: async () => {
      await app.ready();
      return schema.start();
    },
  };
}
