import type { ApiContext } from '../api-route';
import { sampleObject } from '../timeseries/sample-object';
import { sampleSummaries, summaryOf } from '../../timeseries/sample-summaries';
import { OPEN_END_S } from '../../timeseries/series-types';
import { nodeResource, type NodeRow } from './node-resource';

/**
 * A list of nodes with their statistics over all their samples (original-clair.md §3.3.4 "List":
 * total count, latest sample overall), in one statement for all of them.
 */
export async function nodeList(context: ApiContext, rows: readonly NodeRow[]) {
  const summaries = await sampleSummaries(
    context.db,
    rows.map((row) => ({ key: row.id, nodeId: row.id, fromS: 0, toS: OPEN_END_S })),
  );
  return rows.map((row) => {
    const summary = summaryOf(summaries, row.id);
    return nodeResource(
      row,
      {
        nowS: context.nowS,
        range: { from: 0, to: context.nowS },
        summary,
        latestSample: summary.latest && sampleObject(row.id, summary.latest),
      },
      context.url,
    );
  });
}
