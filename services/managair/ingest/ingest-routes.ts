import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import type { DatabaseHandle } from '../../database/connection';
import type { Metrics, SampleOutcome } from '../serve/metrics';
import { jsonApiMediaType } from '../jsonapi/media-type';
import { HttpProblem, problem, type ProblemObject } from '../serve/problems';
import { requireCurrentSchema, type SchemaGate } from '../serve/schema-gate';
import { bearerTokenChecker } from './bearer-token';
import { parseIngestDocument, type Sample } from './sample-document';
import { storeSamples } from './store-samples';

export interface IngestRoutesOptions {
  database: DatabaseHandle;
  schema: SchemaGate;
  metrics: Metrics;
  /** INGEST_TOKEN: what forwarders send as `Authorization: Bearer <token>`. */
  token: string;
}

/** Room for a full batch (maxBatchSamples, 5000 samples of ~250 bytes) even pretty-printed. */
export const ingestBodyLimit = 8 * 1024 * 1024;

export interface SampleResult {
  index: number;
  status: SampleOutcome;
  reason?: string;
  pointer?: string;
}

/**
 * `POST /ingest/v1/ingest/`, ingestair's one route; the protocol is described in README.md
 * beside this file. Registered under the prefix `/ingest/v1`.
 */
export async function ingestRoutes(app: FastifyInstance, options: IngestRoutesOptions): Promise<void> {
  const authorized = bearerTokenChecker(options.token);

  // The original's forwarders send JSON:API's media type; plain JSON is accepted too, anything
  // else (Fastify's text/plain included) is 415.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(jsonApiMediaType, { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

  // Before the body is read: a caller without the token gets nothing parsed, and while the schema
  // is not current nothing is accepted at all.
  app.addHook('onRequest', async (request, reply) => {
    if (!authorized(request.headers.authorization)) {
      void reply.header('WWW-Authenticate', 'Bearer realm="ingest"');
      throw new HttpProblem(401, 'unauthorized', 'Send the ingest token as "Authorization: Bearer <token>".');
    }
  });
  app.addHook('onRequest', requireCurrentSchema(options.schema));

  const ingest = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const document = parseIngestDocument(request.body);
    const valid: { index: number; sample: Sample }[] = [];
    for (const parsed of document.samples) if ('sample' in parsed) valid.push(parsed);
    const stored = await storeSamples(
      options.database.pool,
      valid.map((v) => v.sample),
    );

    const results: SampleResult[] = document.samples.map((parsed) =>
      'refusal' in parsed
        ? { index: parsed.index, status: 'invalid', ...parsed.refusal }
        : { index: parsed.index, status: 'created' },
    );
    valid.forEach(({ index, sample }, i) => {
      const outcome = stored[i]!;
      results[index] =
        outcome === 'unknown_node'
          ? {
              index,
              status: outcome,
              reason: `${document.form === 'batch' ? `sample ${index}` : 'sample'}: node ${sample.node_id} does not exist`,
              pointer: `${document.form === 'batch' ? `/data/${index}` : '/data'}/relationships/node/data/id`,
            }
          : { index, status: outcome };
    });

    const counts = { created: 0, duplicate: 0, invalid: 0, unknown_node: 0 };
    for (const r of results) counts[r.status]++;
    options.metrics.batchSize.observe(results.length);
    for (const [outcome, n] of Object.entries(counts)) if (n) options.metrics.samples.inc({ outcome }, n);

    const refused = results.filter((r) => r.status === 'invalid' || r.status === 'unknown_node');
    const errors: ProblemObject[] = refused.map((r) => problem(422, r.status, r.reason, r.pointer));
    if (refused.length) request.log.info(counts, 'ingest refused samples');

    const code = refused.length ? 422 : document.form === 'batch' || counts.duplicate ? 200 : 201;
    return reply
      .code(code)
      .type(jsonApiMediaType)
      .send({ ...(errors.length ? { errors } : {}), meta: { ...counts, results } });
  };

  // The app's router answers it with and without the original's trailing slash.
  app.post('/ingest/', { bodyLimit: ingestBodyLimit }, ingest);
}
