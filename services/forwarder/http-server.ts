import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';

import { type DeadLetterReason, deadLetterReasons, type DeadLetterStore } from './dead-letter-store';
import type { ForwarderMetrics } from './metrics';
import type { Spool } from './spool';
import type { UplinkSubscription } from './uplink-subscription';

export interface HttpDeps {
  subscription: UplinkSubscription;
  spool: Spool;
  deadLetters: DeadLetterStore;
  metrics: ForwarderMetrics;
  ingestFailing: () => string | undefined;
  replay: (reason: DeadLetterReason | undefined) => Promise<{ replayed: number; failedAgain: number }>;
}

const ReasonQuery = z.object({ reason: z.enum(deadLetterReasons).optional() });

/**
 * The forwarder's internal HTTP port: /health for docker and the control centre, /metrics for
 * Prometheus, and the dead-letter routes behind `forwarder dead-letters list|replay`. The stack
 * publishes none of it, like ingestair.
 */
export function buildHttpServer(deps: HttpDeps): FastifyInstance {
  const app = Fastify({ logger: false });

  app.get('/health', async (_request, reply) => {
    const mqtt = deps.subscription.state();
    const oldest = deps.spool.oldestSpooledAt;
    const body = {
      status: mqtt.connected ? 'ok' : 'unavailable',
      mqtt: mqtt.connected
        ? { connected: true, since: mqtt.since.toISOString() }
        : { connected: false, since: mqtt.since.toISOString(), reason: mqtt.reason },
      spool: {
        samples: deps.spool.size,
        oldestAgeSeconds: oldest === undefined ? 0 : Math.round((Date.now() - oldest) / 1000),
      },
      ingest: { failing: deps.ingestFailing() ?? null },
    };
    // Only the TTN connection makes the forwarder useless: an ingestair outage is what the spool is for.
    return reply.code(mqtt.connected ? 200 : 503).send(body);
  });

  app.get('/metrics', async (_request, reply) => {
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  app.get('/dead-letters', async (request, reply) => {
    const query = ReasonQuery.safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: query.error.message });
    return { deadLetters: await deps.deadLetters.list(query.data.reason) };
  });

  app.post('/dead-letters/replay', async (request, reply) => {
    const query = ReasonQuery.safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: query.error.message });
    return deps.replay(query.data.reason);
  });

  return app;
}
