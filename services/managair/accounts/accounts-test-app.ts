import { Writable } from 'node:stream';

import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import { anonymousViewer, type Viewer } from '../api/viewer';
import { installJsonApiBodyParsers } from '../jsonapi/content-type';
import { installProblemHandlers } from '../serve/problems';
import { accountPages } from './account-pages';
import { authRoutes } from './auth-routes';
import { createAuthenticator } from './authenticator';
import type { LoginLimits } from './login-rate-limit';
import type { Mailer } from './mailer';

/**
 * For tests: the accounts plugins in a small app, with a stand-in for the API plugin that
 * authenticates each request and hands the handlers a Viewer, as the real one does.
 */
export interface AccountsTestApp {
  app: FastifyInstance;
  /** Every log line written so far. */
  logs: () => string;
  /** Moves the app's clock. */
  advance: (seconds: number) => void;
}

export interface AccountsTestOptions {
  db: Kysely<Database>;
  mailer: Mailer | null;
  publicOrigin?: string;
  loginLimits?: LoginLimits;
}

export function buildAccountsTestApp(options: AccountsTestOptions): AccountsTestApp {
  let lines = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines += chunk.toString();
      done();
    },
  });
  const app = Fastify({ routerOptions: { ignoreTrailingSlash: true }, logger: { level: 'debug', stream } });
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  installProblemHandlers(app);

  const authenticate = createAuthenticator(options.db, { now, publicOrigin: options.publicOrigin });
  const viewers = new WeakMap<FastifyRequest, Viewer>();
  void app.register(
    async (api) => {
      installJsonApiBodyParsers(api);
      api.addHook('onRequest', async (request) => {
        const who = await authenticate(request);
        if (who) viewers.set(request, { userId: who.userId, isSuperuser: who.isSuperuser, roles: new Map() });
      });
      await api.register(authRoutes, {
        db: options.db,
        viewerOf: (request) => viewers.get(request) ?? anonymousViewer,
        mailer: options.mailer,
        publicOrigin: options.publicOrigin,
        loginLimits: options.loginLimits,
        now,
      });
    },
    { prefix: '/api/v1' },
  );
  void app.register(accountPages, {
    db: options.db,
    mailer: options.mailer,
    publicOrigin: options.publicOrigin,
    loginLimits: options.loginLimits,
    now,
  });
  return { app, logs: () => lines, advance: (seconds) => (offsetMs += seconds * 1000) };
}
