import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';

import type { ManagairEnv } from './env';

/**
 * The managair application as a plain Fastify instance; server.ts only listens and shuts down,
 * so tests drive this directly.
 */
export function buildApp(env: Pick<ManagairEnv, 'DATABASE_URL'>): FastifyInstance {
  const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection (a database restart) must not crash the process;
  // the pool replaces it and the next query reports the fault.
  pool.on('error', (error) => app.log.warn({ err: error }, 'idle database connection lost'));
  app.addHook('onClose', () => pool.end());

  app.get('/health', async (_request, reply) => {
    try {
      await pool.query('SELECT 1');
      return { status: 'ok', database: 'ok' };
    } catch (error) {
      app.log.warn({ err: error }, 'health check: database unavailable');
      return reply.code(503).header('Retry-After', '5').send({ status: 'unavailable', database: 'unavailable' });
    }
  });

  return app;
}
