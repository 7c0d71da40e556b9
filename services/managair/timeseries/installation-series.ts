import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import { querySeries } from './node-series';
import type { Resolution, SamplePoint, SerializedBuckets, TimeRange } from './series-types';

/**
 * An installation's series: its node's samples within the installation's period [from, to]
 * intersected with the query range, both inclusive (the original's Installation detail,
 * original-clair.md §3.3: `[max(inst.from, filter[from]), min(inst.to, filter[to])]`).
 * The period is read first, so that the series query gets plain bounds to plan its range scans
 * with. An unknown installation gives an empty series, since the caller has loaded and
 * authorized the installation before it asks for its samples.
 */
export function installationSeries(
  db: Kysely<Database>,
  installationId: string | number,
  range: TimeRange,
  resolution: 'raw',
): Promise<SamplePoint[]>;
export function installationSeries(
  db: Kysely<Database>,
  installationId: string | number,
  range: TimeRange,
  resolution: Exclude<Resolution, 'raw'>,
): Promise<SerializedBuckets>;
export function installationSeries(
  db: Kysely<Database>,
  installationId: string | number,
  range: TimeRange,
  resolution: Resolution,
): Promise<SamplePoint[] | SerializedBuckets>;
export async function installationSeries(
  db: Kysely<Database>,
  installationId: string | number,
  range: TimeRange,
  resolution: Resolution,
): Promise<SamplePoint[] | SerializedBuckets> {
  const installation = await db
    .selectFrom('installations')
    .select(['node_id', 'from_timestamp_s', 'to_timestamp_s'])
    .where('id', '=', String(installationId))
    .executeTakeFirst();
  if (!installation) return resolution === 'raw' ? [] : { sampleCount: 0, runs: [] };
  return querySeries(
    db,
    {
      nodeId: installation.node_id,
      from: Math.max(installation.from_timestamp_s, range.from),
      to: Math.min(installation.to_timestamp_s, range.to),
    },
    resolution,
  );
}
