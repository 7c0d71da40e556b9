import { z } from 'zod';

import { resourceObject, toOne, type ResourceObject } from '../../jsonapi/resource';
import { flexibleBoolean, optionalText, unixSeconds } from '../attribute-fields';
import { resourceSchema, sampleSchema, type SampleAttributes } from '../document-schemas';
import type { ResourceBodySpec } from '../request-document';
import type { SampleSummary } from '../../timeseries/sample-summaries';

/**
 * Installation (the original's RoomNodeInstallation, original-clair.md §3.3.4): a node in a room
 * for a period. from/to are always the installation's own; the statistics cover its period, in
 * a detail intersected with `[filter[from], filter[to]]`.
 */
export const installationAttributes = z.object({
  from_timestamp_s: z.number().int(),
  /** 2147483647 while installed. */
  to_timestamp_s: z.number().int(),
  description: z.string().nullable(),
  is_public: z.boolean(),
  /** The photo's URL, or null. */
  image: z.string().nullable(),
  query_timestamp_s: z.number().int(),
  sample_count: z.number().int(),
  latest_sample: sampleSchema.nullable(),
  /** Only with `include_timeseries`. */
  timeseries: z.array(sampleSchema).optional(),
});
export type InstallationAttributes = z.infer<typeof installationAttributes>;

export const installationSchema = resourceSchema('Installation', installationAttributes, {
  room: { type: 'Room' },
  node: { type: 'Node' },
});

export const installationBody = {
  type: 'Installation',
  attributes: z.object({
    from_timestamp_s: unixSeconds,
    to_timestamp_s: unixSeconds.optional(),
    description: optionalText().optional(),
    is_public: flexibleBoolean.optional(),
  }),
  relationships: {
    room: { type: 'Room', required: true },
    node: { type: 'Node', required: true },
  },
} satisfies ResourceBodySpec<z.ZodRawShape>;

export const installationColumns = [
  'installations.id',
  'installations.node_id',
  'installations.room_id',
  'installations.from_timestamp_s',
  'installations.to_timestamp_s',
  'installations.description',
  'installations.is_public',
  'installations.image',
] as const;

export interface InstallationRow {
  id: string;
  node_id: string;
  room_id: string | number;
  from_timestamp_s: number;
  to_timestamp_s: number;
  description: string | null;
  is_public: boolean;
  /** The stored file's path under the media root. */
  image: string | null;
}

export interface InstallationStatistics {
  nowS: number;
  summary: SampleSummary;
  latestSample: SampleAttributes | null;
  timeseries?: SampleAttributes[];
}

export function installationResource(
  row: InstallationRow,
  stats: InstallationStatistics,
  url: (path: string) => string,
): ResourceObject {
  const attributes: InstallationAttributes = {
    from_timestamp_s: row.from_timestamp_s,
    to_timestamp_s: row.to_timestamp_s,
    description: row.description,
    is_public: row.is_public,
    image: row.image === null ? null : url(`/installations/${row.id}/image`),
    query_timestamp_s: stats.nowS,
    sample_count: stats.summary.sampleCount,
    latest_sample: stats.latestSample,
    ...(stats.timeseries === undefined ? {} : { timeseries: stats.timeseries }),
  };
  return resourceObject('Installation', row.id, attributes, {
    relationships: {
      room: toOne('Room', row.room_id, url(`/installations/${row.id}/room/`)),
      node: toOne('Node', row.node_id, url(`/installations/${row.id}/node/`)),
    },
    self: url(`/installations/${row.id}/`),
  });
}
