import { z } from 'zod';

import { linkOnly, resourceObject, toOne, type ResourceObject } from '../../jsonapi/resource';
import { requiredText, optionalText } from '../attribute-fields';
import { resourceSchema, sampleSchema, type SampleAttributes } from '../document-schemas';
import type { ResourceBodySpec } from '../request-document';
import type { SampleSummary } from '../../timeseries/sample-summaries';
import type { TimeRange } from '../../timeseries/series-types';

/**
 * Node (original-clair.md §3.3.4): a sensor device with its sample statistics. The statistics are
 * computed over a range: a list takes all samples, a detail `[filter[from], filter[to]]`.
 */
export const nodeAttributes = z.object({
  eui64: z.string(),
  alias: z.string(),
  description: z.string().nullable(),
  query_timestamp_s: z.number().int(),
  /** The first and last sample time in the range, or the range's limits without samples. */
  from_timestamp_s: z.number().int(),
  to_timestamp_s: z.number().int(),
  sample_count: z.number().int(),
  latest_sample: sampleSchema.nullable(),
  /** Only with `include_timeseries`. */
  timeseries: z.array(sampleSchema).optional(),
});
export type NodeAttributes = z.infer<typeof nodeAttributes>;

export const nodeSchema = resourceSchema('Node', nodeAttributes, {
  protocol: { type: 'Protocol' },
  model: { type: 'Model' },
  owner: { type: 'Organization' },
  installations: { type: 'Installation', many: true, linkOnly: true },
});

const euiPattern = /^[0-9A-Fa-f]{16}$/;

export const nodeBody = {
  type: 'Node',
  attributes: z.object({
    eui64: z.string().trim().regex(euiPattern, 'An EUI-64 is 16 hexadecimal digits.'),
    alias: requiredText(100),
    description: optionalText().optional(),
  }),
  relationships: {
    protocol: { type: 'Protocol', required: true },
    model: { type: 'Model', required: true },
    owner: { type: 'Organization', required: true },
  },
} satisfies ResourceBodySpec<z.ZodRawShape>;

export const nodeColumns = [
  'nodes.id',
  'nodes.eui64',
  'nodes.alias',
  'nodes.description',
  'nodes.protocol_id',
  'nodes.model_id',
  'nodes.owner_id',
] as const;

export interface NodeRow {
  id: string;
  eui64: string;
  alias: string;
  description: string | null;
  protocol_id: string | number;
  model_id: string | number;
  owner_id: string | number;
}

export interface NodeStatistics {
  nowS: number;
  range: TimeRange;
  summary: SampleSummary;
  latestSample: SampleAttributes | null;
  timeseries?: SampleAttributes[];
}

export function nodeResource(row: NodeRow, stats: NodeStatistics, url: (path: string) => string): ResourceObject {
  const attributes: NodeAttributes = {
    eui64: row.eui64,
    alias: row.alias,
    description: row.description,
    query_timestamp_s: stats.nowS,
    from_timestamp_s: stats.summary.firstS ?? stats.range.from,
    to_timestamp_s: stats.summary.lastS ?? stats.range.to,
    sample_count: stats.summary.sampleCount,
    latest_sample: stats.latestSample,
    ...(stats.timeseries === undefined ? {} : { timeseries: stats.timeseries }),
  };
  return resourceObject('Node', row.id, attributes, {
    relationships: {
      protocol: toOne('Protocol', row.protocol_id, url(`/nodes/${row.id}/protocol/`)),
      model: toOne('Model', row.model_id, url(`/nodes/${row.id}/model/`)),
      owner: toOne('Organization', row.owner_id, url(`/organizations/${row.owner_id}/`)),
      installations: linkOnly(url(`/nodes/${row.id}/installations/`)),
    },
    self: url(`/nodes/${row.id}/`),
  });
}
