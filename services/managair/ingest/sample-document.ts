import { z } from 'zod';

import type { MeasurementStatus } from '../../database/tables';
import { HttpProblem } from '../serve/problems';

/** The most samples one request may carry; a forwarder with more sends several requests. */
export const maxBatchSamples = 5_000;

/** One sample as validated, ready for the samples table. */
export interface Sample {
  /** Lower case, as PostgreSQL prints a uuid. */
  node_id: string;
  timestamp_s: number;
  co2_ppm: number;
  /** One decimal at most, as a string so that numeric(3,1) gets exactly what was sent. */
  temperature_celsius: string | null;
  rel_humidity_percent: number | null;
  measurement_status: MeasurementStatus;
}

export interface SampleRefusal {
  /** Names the sample's index (in a batch) and the field, e.g. `sample 3: co2_ppm must be …`. */
  reason: string;
  /** JSON pointer to the offending member, e.g. `/data/3/attributes/co2_ppm`. */
  pointer: string;
}

export type ParsedSample = { index: number; sample: Sample } | { index: number; refusal: SampleRefusal };

export interface ParsedDocument {
  /** `single`: `data` is one resource object (the original's form); `batch`: an array of them. */
  form: 'single' | 'batch';
  samples: ParsedSample[];
}

const required = (rule: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : rule),
});

function integer(min: number, max: number, nullable: boolean) {
  const rule = `must be an integer from ${min} to ${max}${nullable ? ', or null' : ''}`;
  return z.number(required(rule)).refine((v) => Number.isInteger(v) && v >= min && v <= max, rule);
}

const temperatureRule = 'must be a number from -20 to 40 with at most one decimal, or null';

// The original's field rules (original-clair.md §3.5), tightened to the database's ranges so that
// a sample the database would refuse is refused here, with its field named, instead of failing
// the whole batch's INSERT.
const Attributes = z.strictObject(
  {
    timestamp_s: integer(0, 2_147_483_647, false),
    co2_ppm: integer(0, 10_000, false),
    temperature_celsius: z
      .number(required(temperatureRule))
      .refine((v) => v >= -20 && v <= 40 && Math.abs(v * 10 - Math.round(v * 10)) < 1e-6, temperatureRule)
      .nullish(),
    rel_humidity_percent: integer(0, 100, true).nullish(),
    // The original always stored M; a forwarder that knows better may say R (replacement) or E (error).
    measurement_status: z.enum(['M', 'R', 'E'], { error: 'must be "M", "R" or "E"' }).optional(),
  },
  { error: 'must be an object of Sample attributes' },
);

const SampleResource = z.object(
  {
    type: z.literal('Sample', { error: 'must be "Sample"' }),
    attributes: Attributes,
    relationships: z.object(
      {
        node: z.object(
          {
            data: z.object(
              {
                type: z.literal('Node', { error: 'must be "Node"' }),
                // A node id is not an RFC 4122 UUID (services/domain/nodes/node-id.ts): any hex 8-4-4-4-12.
                id: z.guid({ error: 'must be a node id (8-4-4-4-12 hexadecimal digits)' }),
              },
              { error: 'must be a resource identifier {"type":"Node","id":…}' },
            ),
          },
          { error: 'must be {"data":{"type":"Node","id":…}}' },
        ),
      },
      { error: 'must hold the node relationship' },
    ),
  },
  { error: 'must be a Sample resource object' },
);

/**
 * Reads an ingest request body: the original's single-sample JSON:API document, or the batch form
 * whose `data` is an array of the same resource objects. Each sample is validated on its own, so
 * one bad sample never hides the good ones around it.
 *
 * @throws HttpProblem 400 when the body is not a JSON:API document with `data`, 409 when a single
 *   document's `data.type` is not "Sample" (as the original's parser answered), 413 when a batch
 *   holds more than {@link maxBatchSamples} samples.
 */
export function parseIngestDocument(body: unknown): ParsedDocument {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('data' in body)) {
    throw new HttpProblem(400, 'not_jsonapi', 'The body must be a JSON:API document: an object with "data".');
  }
  const { data } = body;
  if (Array.isArray(data)) {
    if (data.length === 0) throw new HttpProblem(400, 'empty_batch', '"data" is an empty array.', '/data');
    if (data.length > maxBatchSamples) {
      throw new HttpProblem(
        413,
        'too_many_samples',
        `"data" holds ${data.length} samples; at most ${maxBatchSamples} may be sent at once.`,
        '/data',
      );
    }
    return { form: 'batch', samples: data.map((resource: unknown, index) => parseResource(resource, index, '/data/')) };
  }
  if (typeof data !== 'object' || data === null) {
    throw new HttpProblem(400, 'not_jsonapi', '"data" must be a Sample resource object or an array of them.', '/data');
  }
  const type = (data as { type?: unknown }).type;
  if (type !== 'Sample') {
    throw new HttpProblem(409, 'wrong_type', `data.type must be "Sample" (got ${describe(type)}).`, '/data/type');
  }
  return { form: 'single', samples: [parseResource(data, 0, null)] };
}

/** `batchPrefix` is "/data/" in a batch (pointers name the index) and null for a single document. */
function parseResource(resource: unknown, index: number, batchPrefix: string | null): ParsedSample {
  const base = batchPrefix === null ? '/data' : `${batchPrefix}${index}`;
  const subject = batchPrefix === null ? 'sample' : `sample ${index}`;
  const result = SampleResource.safeParse(resource);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    // An unknown attribute is reported under its own name, so its pointer leads to it.
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const rule = issue.code === 'unrecognized_keys' ? 'is not a Sample attribute' : issue.message;
    const field = path.length === 0 ? '' : fieldName(path);
    const value = issue.code === 'unrecognized_keys' ? undefined : valueAt(resource, path);
    const got = value === undefined ? '' : ` (got ${describe(value)})`;
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
    return {
      index,
      refusal: {
        reason: `${subject}: ${field ? `${field} ` : ''}${rule}${got}${more}`,
        pointer: [base, ...path.map(String)].join('/'),
      },
    };
  }
  const { attributes, relationships } = result.data;
  return {
    index,
    sample: {
      node_id: relationships.node.data.id.toLowerCase(),
      timestamp_s: attributes.timestamp_s,
      co2_ppm: attributes.co2_ppm,
      temperature_celsius:
        attributes.temperature_celsius === null || attributes.temperature_celsius === undefined
          ? null
          : attributes.temperature_celsius.toFixed(1),
      rel_humidity_percent: attributes.rel_humidity_percent ?? null,
      measurement_status: attributes.measurement_status ?? 'M',
    },
  };
}

/** `co2_ppm` for an attribute, the dotted path for anything else (`relationships.node.data.id`). */
function fieldName(path: PropertyKey[]): string {
  if (path[0] === 'attributes' && path.length === 2) return String(path[1]);
  return path.map(String).join('.');
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A short, safe rendering of a received value for a reason. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string')
    return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
