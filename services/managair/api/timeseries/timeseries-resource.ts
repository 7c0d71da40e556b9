import { z } from 'zod';

import { JsonApiErrors, jsonApiError } from '../../jsonapi/errors';
import { resourceDocument } from '../../jsonapi/document';
import { jsonApiMediaType } from '../../jsonapi/media-type';
import { resourceObject, type ResourceObject } from '../../jsonapi/resource';
import { applySparseFieldsets } from '../../jsonapi/sparse-fields';
import { csvFileName, samplesToCsv } from '../../timeseries/csv-export';
import type { Resolution, SamplePoint, SerializedBuckets, TimeRange } from '../../timeseries/series-types';
import type { ApiContext, ApiResult } from '../api-route';
import { resourceSchema, sampleSchema } from '../document-schemas';
import { resourceResult } from '../list-document';
import { JsonArrayText, jsonBytes } from './json-text';
import { sampleObject } from './sample-object';
import { requestedResolution } from './time-filters';

/**
 * Node-Timeseries and Installation-Timeseries (original-clair.md §3.3.4): the samples of a node,
 * or of an installation's period, within `[filter[from], filter[to]]`. This API adds
 * `filter[resolution]` (10min, hourly, daily: `buckets` of min/max/mean instead of `samples`)
 * and `format=csv` (the raw samples as a CSV download).
 */

/** Means are rounded to one decimal more than the quantity is stored with (node-series.ts). */
const stats = z.object({ min: z.number().nullable(), max: z.number().nullable(), mean: z.number().nullable() });
const bucketSchema = z
  .object({
    timestamp_s: z.number().int(),
    sample_count: z.number().int(),
    co2_ppm: stats,
    temperature_celsius: stats,
    rel_humidity_percent: stats,
  })
  .meta({ id: 'SeriesBucket' });

const summaryAttributes = {
  node_alias: z.string(),
  query_timestamp_s: z.number().int(),
  /** The query range's limits (an installation's: clipped to its period). */
  from_timestamp_s: z.number().int(),
  to_timestamp_s: z.number().int(),
  sample_count: z.number().int(),
};
const seriesAttributes = {
  /** raw resolution: the samples, ascending. */
  samples: z.array(sampleSchema).optional(),
  /** Aggregated resolutions: which one, and a bucket per interval with samples. */
  resolution: z.enum(['10min', 'hourly', 'daily']).optional(),
  buckets: z.array(bucketSchema).optional(),
};

// One schema per type, for lists (without samples) and details alike: the OpenAPI document
// names each schema after its type.
export const nodeSeriesSchema = resourceSchema(
  'Node-Timeseries',
  z.object({ ...summaryAttributes, ...seriesAttributes }),
);
const installationSummary = { ...summaryAttributes, node_id: z.string() };
export const installationSeriesSchema = resourceSchema(
  'Installation-Timeseries',
  z.object({ ...installationSummary, ...seriesAttributes }),
);

/** What a series resource says about itself besides its samples. */
export interface SeriesHeader {
  type: 'Node-Timeseries' | 'Installation-Timeseries';
  id: string;
  node: { id: string; alias: string; eui64: string };
  /** The range shown as from/to and sampled. */
  range: TimeRange;
  /** `self`, relative to the API. */
  path: string;
}

export function seriesSummaryResource(header: SeriesHeader, sampleCount: number, context: ApiContext): ResourceObject {
  return resourceObject(header.type, header.id, summaryOf(header, sampleCount, context.nowS), {
    self: context.url(header.path),
  });
}

function summaryOf(header: SeriesHeader, sampleCount: number, nowS: number) {
  return {
    node_alias: header.node.alias,
    query_timestamp_s: nowS,
    from_timestamp_s: header.range.from,
    to_timestamp_s: header.range.to,
    sample_count: sampleCount,
    ...(header.type === 'Installation-Timeseries' ? { node_id: header.node.id } : {}),
  };
}

/** `format=csv` asks for the download; anything else but json is refused. */
function wantsCsv(context: ApiContext): boolean {
  const format = context.query.extra['format']?.trim().toLowerCase();
  if (format === undefined || format === 'json') return false;
  if (format === 'csv') return true;
  throw new JsonApiErrors([jsonApiError(400, 'invalid', 'format is csv or json.', { parameter: 'format' })]);
}

/** A header value cannot carry every alias: keep what is safe in a quoted filename. */
function attachment(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\w.\- ]/g, '_')}"`;
}

/**
 * The answer of a series detail: the JSON:API resource with samples or buckets, or the CSV file.
 * `load` reads the series at a resolution. Buckets come as JSON text, so the document around them
 * is serialized here, sparse fieldsets applied; a series has no relationships to include.
 */
export async function seriesResult(
  context: ApiContext,
  header: SeriesHeader,
  load: (resolution: Resolution) => Promise<SamplePoint[] | SerializedBuckets>,
): Promise<ApiResult> {
  const resolution = requestedResolution(context);
  if (wantsCsv(context)) {
    if (resolution !== 'raw')
      throw new JsonApiErrors([
        jsonApiError(400, 'invalid', 'The CSV export has raw samples only.', { parameter: 'filter[resolution]' }),
      ]);
    return {
      status: 200,
      contentType: 'text/csv; charset=utf-8',
      body: samplesToCsv((await load('raw')) as SamplePoint[]),
      headers: { 'content-disposition': attachment(csvFileName(header.node)) },
    };
  }
  const resource = <A extends object>(attributes: A) =>
    resourceObject(header.type, header.id, attributes, { self: context.url(header.path) });
  if (resolution === 'raw') {
    const samples = (await load(resolution)) as SamplePoint[];
    return resourceResult(
      200,
      resource({
        ...summaryOf(header, samples.length, context.nowS),
        samples: samples.map((sample) => sampleObject(header.node.id, sample)),
      }),
    );
  }
  const { sampleCount, runs } = (await load(resolution)) as SerializedBuckets;
  const document = resourceDocument(
    resource({ ...summaryOf(header, sampleCount, context.nowS), resolution, buckets: new JsonArrayText(runs) }),
  );
  return {
    status: 200,
    // What Fastify sends with a document it serializes itself.
    contentType: `${jsonApiMediaType}; charset=utf-8`,
    body: jsonBytes(applySparseFieldsets(document, context.query.fields)),
  };
}
