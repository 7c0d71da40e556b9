import { z } from 'zod';

import type { SpooledSample } from './spooled-sample';

const SampleResult = z.object({
  index: z.number().int(),
  status: z.enum(['created', 'duplicate', 'invalid', 'unknown_node']),
  reason: z.string().optional(),
});
export type SampleResult = z.infer<typeof SampleResult>;

const BatchAnswer = z.object({ meta: z.object({ results: z.array(SampleResult) }) });

/** What became of one batch; see services/managair/ingest/README.md for the protocol. */
export type BatchOutcome =
  /** Every sample has an outcome: delivered (created, duplicate) or refused on its own. */
  | { kind: 'answered'; results: SampleResult[] }
  /** Nothing was stored; send the same batch again later. */
  | { kind: 'retry'; detail: string; retryAfterMs: number | undefined }
  /** Ingestair refused the request as a whole; sending it again cannot help. */
  | { kind: 'refused'; detail: string };

export interface IngestClient {
  send: (samples: readonly SpooledSample[]) => Promise<BatchOutcome>;
}

/**
 * Posts batches to ingestair. It never throws: a network error is a `retry` like a 503. A 401
 * is a `retry` too, since a wrong token is fixed by an operator, and the samples must survive
 * until then.
 */
export function ingestClient(url: string, token: string, timeoutMs = 30_000): IngestClient {
  return {
    async send(samples) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/vnd.api+json',
            accept: 'application/vnd.api+json',
          },
          body: JSON.stringify({ data: samples.map(sampleResource) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        return { kind: 'retry', detail: networkError(error), retryAfterMs: undefined };
      }
      const body = await response.text().catch(() => '');
      if (response.status === 200 || response.status === 201 || response.status === 422) {
        const answer = BatchAnswer.safeParse(parseJson(body));
        if (answer.success && answer.data.meta.results.length === samples.length) {
          return { kind: 'answered', results: answer.data.meta.results };
        }
        return {
          kind: 'refused',
          detail: `HTTP ${response.status} without a result per sample: ${body.slice(0, 500)}`,
        };
      }
      if (response.status >= 500 || response.status === 401 || response.status === 403 || response.status === 429) {
        return {
          kind: 'retry',
          detail: `HTTP ${response.status}`,
          retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
        };
      }
      return { kind: 'refused', detail: `HTTP ${response.status}: ${body.slice(0, 500)}` };
    },
  };
}

function sampleResource({ nodeId, sample }: SpooledSample) {
  return {
    type: 'Sample',
    attributes: {
      timestamp_s: sample.timestampS,
      co2_ppm: sample.co2Ppm,
      temperature_celsius: sample.temperatureCelsius,
      rel_humidity_percent: sample.relHumidityPercent,
    },
    relationships: { node: { data: { type: 'Node', id: nodeId } } },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function networkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as Error).message;
}

/** Retry-After in seconds (what ingestair sends) or as an HTTP date. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
