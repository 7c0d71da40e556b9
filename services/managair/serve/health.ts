import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

import type { DatabaseHandle } from '../../database/connection';
import { retryAfterSeconds } from './problems';
import type { SchemaGate } from './schema-gate';

export interface Health {
  status: 'ok' | 'unavailable';
  database: 'ok' | 'unavailable';
  schema: 'current' | 'pending';
  detail?: string;
}

/**
 * GET /health: 200 when the database answers and the schema is current, otherwise 503 with
 * Retry-After and what is missing. Docker's health check and the control centre read it.
 */
export function installHealth(app: FastifyInstance, database: DatabaseHandle, schema: SchemaGate): void {
  app.get('/health', async (request, reply) => {
    let databaseOk = true;
    try {
      await sql`SELECT 1`.execute(database.db);
    } catch (error) {
      request.log.warn({ err: error }, 'health check: database unavailable');
      databaseOk = false;
    }
    const health: Health = {
      status: databaseOk && schema.current ? 'ok' : 'unavailable',
      database: databaseOk ? 'ok' : 'unavailable',
      schema: schema.current ? 'current' : 'pending',
      ...(schema.current ? {} : { detail: schema.detail }),
    };
    if (health.status === 'ok') return health;
    return reply.code(503).header('Retry-After', String(retryAfterSeconds)).send(health);
  });
}
