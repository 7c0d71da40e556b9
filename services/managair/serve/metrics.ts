import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export const sampleOutcomes = ['created', 'duplicate', 'invalid', 'unknown_node'] as const;
export type SampleOutcome = (typeof sampleOutcomes)[number];

/** The process's Prometheus metrics, in a registry of its own (tests build several apps). */
export interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  requestSeconds: Histogram<'route'>;
  samples: Counter<'outcome'>;
  batchSize: Histogram;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics: Metrics = {
    registry,
    requests: new Counter({
      name: 'clair_http_requests_total',
      help: 'HTTP requests answered, by route and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: 'clair_http_request_duration_seconds',
      help: 'Time from receiving a request to answering it',
      labelNames: ['route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    samples: new Counter({
      name: 'clair_ingest_samples_total',
      help: 'Samples received by ingest, by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    batchSize: new Histogram({
      name: 'clair_ingest_batch_samples',
      help: 'Samples per ingest request',
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
      registers: [registry],
    }),
  };
  // Every outcome is exported from the start, so a rate over it is defined before the first sample.
  for (const outcome of sampleOutcomes) metrics.samples.inc({ outcome }, 0);
  return metrics;
}

/**
 * Counts every answer and serves GET /metrics. Registered on the root instance so that its hook
 * sees every route; the route label is the route's pattern (or "unmatched"), never the raw URL,
 * which would let a client grow the label set without bound.
 */
export function installMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.requestSeconds.observe({ route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
