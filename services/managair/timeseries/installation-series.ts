import { type Kysely, sql } from 'kysely';

import type { Database } from '../../database/tables';
import { querySeries } from './node-series';
import type { Resolution, SamplePoint, SeriesBucket, TimeRange } from './series-types';

/**
 * An installation's series: its node's samples within the installation's period [from, to]
 * intersected with the query range, both inclusive (the original's Installation detail,
 * original-clair.md §3.3: `[max(inst.from, filter[from]), min(inst.to, filter[to])]`).
 * One statement; an unknown installation gives an empty series, since the caller has loaded
 * and authorized the installation before it asks for its samples.
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
): Promise<SeriesBucket[]>;
export function installationSeries(
  db: Kysely<Database>,
  installationId: string | number,
  range: TimeRange,
  resolution: Resolution,
): Promise<SamplePoint[] | SeriesBucket[]>;
export function installationSeries(
  db: Kysely<Database>,
  installationId: string | number,
  range: TimeRange,
  resolution: Resolution,
): Promise<SamplePoint[] | SeriesBucket[]> {
  const span = sql`SELECT i.node_id, greatest(i.from_timestamp_s, ${range.from}::integer) AS lo,
      least(i.to_timestamp_s, ${range.to}::integer) AS hi
    FROM installations i WHERE i.id = ${String(installationId)}::bigint`;
  return querySeries(db, span, resolution);
}
