import { z } from 'zod';

import type { TimeRange } from '../../timeseries/series-types';
import { installationSeries } from '../../timeseries/installation-series';
import { nodeSeries } from '../../timeseries/node-series';
import type { ApiContext, ApiRoute } from '../api-route';
import { collectionDocumentSchema, singleDocumentSchema } from '../document-schemas';
import { findVisibleInstallation } from '../installations/installation-access';
import { fetchPage, listResult } from '../list-document';
import { findVisibleNode } from '../nodes/node-access';
import { requireUser } from '../viewer';
import { visibleInstallationIds, visibleNodeIds } from '../visibility';
import { sampleSummaries, summaryOf } from '../../timeseries/sample-summaries';
import { requestedRange } from './time-filters';
import {
  installationSeriesSchema,
  nodeSeriesSchema,
  seriesResult,
  type SeriesHeader,
  seriesSummaryResource,
} from './timeseries-resource';

const listQuery = { filters: ['from', 'to'] };
const detailQuery = { filters: ['from', 'to', 'resolution'], extra: ['format'] };
const csvNote = '; format=csv answers the raw samples as a CSV file';

/** An installation's period intersected with the query range. */
function clipped(period: { from_timestamp_s: number; to_timestamp_s: number }, range: TimeRange): TimeRange {
  return { from: Math.max(period.from_timestamp_s, range.from), to: Math.min(period.to_timestamp_s, range.to) };
}

async function nodeSeriesDetail(context: ApiContext) {
  const node = await findVisibleNode(context);
  const range = requestedRange(context);
  const header: SeriesHeader = {
    type: 'Node-Timeseries',
    id: node.id,
    node,
    range,
    path: `/node-timeseries/${node.id}/`,
  };
  return seriesResult(context, header, (resolution) => nodeSeries(context.db, node.id, range, resolution));
}

async function installationSeriesDetail(context: ApiContext) {
  const installation = await findVisibleInstallation(context);
  const node = await context.db
    .selectFrom('nodes')
    .select(['id', 'alias', 'eui64'])
    .where('id', '=', installation.node_id)
    .executeTakeFirstOrThrow();
  const range = requestedRange(context);
  const header: SeriesHeader = {
    type: 'Installation-Timeseries',
    id: installation.id,
    node,
    range: clipped(installation, range),
    path: `/installation-timeseries/${installation.id}/`,
  };
  return seriesResult(context, header, (resolution) =>
    installationSeries(context.db, installation.id, range, resolution),
  );
}

export const timeseriesRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/node-timeseries',
    operationId: 'listNodeTimeseries',
    summary: "Sample counts of your organizations' nodes within [filter[from], filter[to]]",
    tag: 'Time series',
    access: 'signed-in users; members see their organizations’ nodes',
    query: listQuery,
    paginated: true,
    responses: { 200: collectionDocumentSchema(nodeSeriesSchema) },
    handle: async (context) => {
      requireUser(context.viewer);
      const range = requestedRange(context);
      const nodes = context.db
        .selectFrom('nodes')
        .select(['id', 'alias', 'eui64'])
        .where('id', 'in', visibleNodeIds(context.db, context.viewer))
        .orderBy('eui64')
        .orderBy('id');
      const { page, rows } = await fetchPage(context, nodes);
      const summaries = await sampleSummaries(
        context.db,
        rows.map((node) => ({ key: node.id, nodeId: node.id, fromS: range.from, toS: range.to })),
      );
      const data = rows.map((node) =>
        seriesSummaryResource(
          { type: 'Node-Timeseries', id: node.id, node, range, path: `/node-timeseries/${node.id}/` },
          summaryOf(summaries, node.id).sampleCount,
          context,
        ),
      );
      return listResult(context, page, data);
    },
  },
  ...['/node-timeseries/:id', '/nodes/:id/timeseries'].map((path, index): ApiRoute => ({
    method: 'GET',
    path,
    operationId: index === 0 ? 'getNodeTimeseries' : 'getNodeTimeseriesOfNode',
    summary: `A node's samples within [filter[from] (0), filter[to] (now)], raw or aggregated${csvNote}`,
    tag: 'Time series',
    access: 'members of the node owner',
    query: detailQuery,
    alternativeContent: { 'text/csv': z.string() },
    responses: { 200: singleDocumentSchema(nodeSeriesSchema) },
    handle: nodeSeriesDetail,
  })),
  {
    method: 'GET',
    path: '/installation-timeseries',
    operationId: 'listInstallationTimeseries',
    summary: 'Sample counts of installations within their periods and [filter[from], filter[to]]',
    tag: 'Time series',
    access: 'anyone; anonymous users see only public installations',
    query: listQuery,
    paginated: true,
    responses: { 200: collectionDocumentSchema(installationSeriesSchema) },
    handle: async (context) => {
      const range = requestedRange(context);
      const installations = context.db
        .selectFrom('installations')
        .innerJoin('nodes', 'nodes.id', 'installations.node_id')
        .select([
          'installations.id',
          'installations.from_timestamp_s',
          'installations.to_timestamp_s',
          'nodes.id as node_id',
          'nodes.alias',
          'nodes.eui64',
        ])
        .where('installations.id', 'in', visibleInstallationIds(context.db, context.viewer))
        .orderBy('installations.from_timestamp_s', 'desc')
        .orderBy('installations.id');
      const { page, rows } = await fetchPage(context, installations);
      const headers = rows.map((row): SeriesHeader => ({
        type: 'Installation-Timeseries',
        id: row.id,
        node: { id: row.node_id, alias: row.alias, eui64: row.eui64 },
        range: clipped(row, range),
        path: `/installation-timeseries/${row.id}/`,
      }));
      const summaries = await sampleSummaries(
        context.db,
        headers.map((h) => ({ key: h.id, nodeId: h.node.id, fromS: h.range.from, toS: h.range.to })),
      );
      const data = headers.map((h) => seriesSummaryResource(h, summaryOf(summaries, h.id).sampleCount, context));
      return listResult(context, page, data);
    },
  },
  ...['/installation-timeseries/:id', '/installations/:id/timeseries'].map((path, index): ApiRoute => ({
    method: 'GET',
    path,
    operationId: index === 0 ? 'getInstallationTimeseries' : 'getInstallationTimeseriesOfInstallation',
    summary: `An installation's samples within its period and [filter[from], filter[to]], raw or aggregated${csvNote}`,
    tag: 'Time series',
    access: 'anyone for a public installation; members of its organization otherwise',
    query: detailQuery,
    alternativeContent: { 'text/csv': z.string() },
    responses: { 200: singleDocumentSchema(installationSeriesSchema) },
    handle: installationSeriesDetail,
  })),
];
