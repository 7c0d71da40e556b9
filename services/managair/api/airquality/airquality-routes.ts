import { z } from 'zod';

import { InvalidMonth, monthRange, thirtyDaysBefore, type TimeRange } from '../../../domain/air-quality/ranges';
import { analyseRoomAirQuality } from '../../../domain/air-quality/room-air-quality';
import { weekdayHistogram, weekdayKeys } from '../../../domain/air-quality/weekday-histogram';
import { JsonApiErrors, jsonApiError } from '../../jsonapi/errors';
import { resourceObject } from '../../jsonapi/resource';
import { installationSeries } from '../../timeseries/installation-series';
import { HttpProblem } from '../../serve/problems';
import type { ApiContext, ApiRoute } from '../api-route';
import { resourceSchema, singleDocumentSchema } from '../document-schemas';
import { resourceResult } from '../list-document';
import { idParam, notFound } from '../path-ids';
import { visibleInstallationIds, visibleRoomIds } from '../visibility';

/**
 * `room-airquality` (original-clair.md §3.6): the clean-air medal of a room over the 30 Berlin
 * days before today, or over one calendar month, and optionally the weekday histogram. The
 * analysis is services/domain/air-quality; this route picks the room's visible installations
 * overlapping the range and hands over their samples, each cut to its installation's period
 * (the original took the node's samples of the whole range, §8 item 2).
 */
const airQualityAttributes = z.object({
  from_timestamp_s: z.number().int(),
  to_timestamp_s: z.number().int(),
  query_timestamp_s: z.number().int(),
  clean_air_medal: z.boolean(),
  /** Only with `include_histogram=true`: mean CO2 ppm per Berlin hour 0…23, [] for a weekday lacking an hour. */
  airq_hist: z.object(Object.fromEntries(weekdayKeys.map((key) => [key, z.array(z.number())]))).optional(),
});

const airQualitySchema = resourceSchema('room-airquality', airQualityAttributes);

function rangeOf(context: ApiContext): TimeRange {
  const month = context.params['month'];
  if (month === undefined) return thirtyDaysBefore(context.nowS);
  try {
    return monthRange(month);
  } catch (error) {
    if (error instanceof InvalidMonth)
      throw new JsonApiErrors([jsonApiError(400, 'invalid', error.message, { parameter: 'month' })]);
    throw error;
  }
}

async function roomAirQuality(context: ApiContext) {
  const { db, viewer } = context;
  const roomId = idParam(context.params);
  const room = await db
    .selectFrom('rooms')
    .select('id')
    .where('id', '=', roomId)
    .where('id', 'in', visibleRoomIds(db, viewer))
    .executeTakeFirst();
  if (!room) throw notFound('room');
  const range = rangeOf(context);
  const installations = await db
    .selectFrom('installations')
    .select('id')
    .where('room_id', '=', roomId)
    .where('id', 'in', visibleInstallationIds(db, viewer))
    .where('from_timestamp_s', '<', range.toS)
    .where('to_timestamp_s', '>=', range.fromS)
    .orderBy('from_timestamp_s')
    .execute();
  // As the original; the dashboard shows no medal on a 404.
  if (installations.length === 0)
    throw new HttpProblem(
      404,
      'not_found',
      'The selected room has no accessible installations to draw measurement samples from.',
    );
  // The range is half-open; the series queries take closed ranges and clip to each period.
  const closed = { from: range.fromS, to: range.toS - 1 };
  const series = await Promise.all(installations.map((i) => installationSeries(db, i.id, closed, 'raw')));
  const samples = series.flat().map((s) => ({ timestampS: s.timestamp_s, co2Ppm: s.co2_ppm }));
  const includeHistogram = context.query.extra['include_histogram']?.trim().toLowerCase() === 'true';
  const analysis = analyseRoomAirQuality(samples, range, { includeHistogram });
  const attributes = {
    from_timestamp_s: analysis.fromTimestampS,
    to_timestamp_s: analysis.toTimestampS,
    query_timestamp_s: context.nowS,
    clean_air_medal: analysis.status === 'analysed' && analysis.cleanAirMedal,
    ...(includeHistogram
      ? { airq_hist: analysis.status === 'analysed' && analysis.airqHist ? analysis.airqHist : weekdayHistogram([]) }
      : {}),
  };
  return resourceResult(
    200,
    resourceObject('room-airquality', roomId, attributes, { self: context.url(`/rooms/${roomId}/`) }),
  );
}

export const airqualityRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/rooms/:id/airquality',
    operationId: 'getRoomAirQuality',
    summary: 'The clean-air medal of a room over the 30 Europe/Berlin days before today',
    tag: 'Air quality',
    access: 'anyone; anonymous users get the analysis of public installations only',
    query: { extra: ['include_histogram'] },
    responses: { 200: singleDocumentSchema(airQualitySchema) },
    handle: roomAirQuality,
  },
  {
    method: 'GET',
    path: '/rooms/:id/airquality/:month',
    operationId: 'getRoomAirQualityOfMonth',
    summary: 'The clean-air medal of a room over one Europe/Berlin calendar month (YYYY-MM)',
    tag: 'Air quality',
    access: 'anyone; anonymous users get the analysis of public installations only',
    query: { extra: ['include_histogram'] },
    responses: { 200: singleDocumentSchema(airQualitySchema) },
    handle: roomAirQuality,
  },
];
