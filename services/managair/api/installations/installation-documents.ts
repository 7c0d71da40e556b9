import type { ApiContext } from '../api-route';
import { resourceResult } from '../list-document';
import { sampleObject } from '../timeseries/sample-object';
import { sampleSummaries, summaryOf } from '../../timeseries/sample-summaries';
import { requestedRange, wantsTimeseries } from '../timeseries/time-filters';
import { installationSeries } from '../../timeseries/installation-series';
import { installationResource, type InstallationRow } from './installation-resource';

/**
 * Installations with their statistics over their whole periods (original-clair.md §3.3.4 "List"):
 * count and latest sample of all of them in one statement, for the dashboard overview.
 */
export async function installationList(context: ApiContext, rows: readonly InstallationRow[]) {
  const summaries = await sampleSummaries(
    context.db,
    rows.map((row) => ({ key: row.id, nodeId: row.node_id, fromS: row.from_timestamp_s, toS: row.to_timestamp_s })),
  );
  return rows.map((row) => {
    const summary = summaryOf(summaries, row.id);
    const latestSample = summary.latest && sampleObject(row.node_id, summary.latest);
    return installationResource(row, { nowS: context.nowS, summary, latestSample }, context.url);
  });
}

/**
 * One installation, statistics and optional samples over its period intersected with
 * `[filter[from], filter[to]]`; from/to stay the installation's own.
 */
export async function installationDetail(context: ApiContext, row: InstallationRow, status = 200) {
  const range = requestedRange(context);
  const window = {
    key: row.id,
    nodeId: row.node_id,
    fromS: Math.max(row.from_timestamp_s, range.from),
    toS: Math.min(row.to_timestamp_s, range.to),
  };
  const summary = summaryOf(await sampleSummaries(context.db, [window]), row.id);
  const timeseries = wantsTimeseries(context)
    ? (await installationSeries(context.db, row.id, range, 'raw')).map((sample) => sampleObject(row.node_id, sample))
    : undefined;
  const latestSample = summary.latest && sampleObject(row.node_id, summary.latest);
  return resourceResult(
    status,
    installationResource(
      row,
      { nowS: context.nowS, summary, latestSample, ...(timeseries === undefined ? {} : { timeseries }) },
      context.url,
    ),
  );
}

/** The query a detail takes. */
export const installationDetailQuery = { filters: ['from', 'to'], extra: ['include_timeseries'] };
