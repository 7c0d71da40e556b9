import { JsonApiErrors, jsonApiError } from '../../jsonapi/errors';
import { type Resolution, resolutions, resolveRange, type TimeRange } from '../../timeseries/series-types';
import type { ApiContext } from '../api-route';

/**
 * The query parameters of the sample-bearing routes (original-clair.md §3.3.4): `filter[from]`
 * and `filter[to]` in Unix seconds (defaults 0 and now, both inclusive), `include_timeseries`,
 * and this API's `filter[resolution]`. A bad value is a 400 naming the parameter; the original
 * answered a non-number with a 500.
 */

const wholeSeconds = /^\d{1,10}$/;

function invalid(parameter: string, detail: string): JsonApiErrors {
  return new JsonApiErrors([jsonApiError(400, 'invalid', detail, { parameter })]);
}

function seconds(context: ApiContext, name: 'from' | 'to'): number | undefined {
  const raw = context.query.filter[name];
  if (raw === undefined) return undefined;
  const value = raw.trim();
  if (!wholeSeconds.test(value) || Number(value) > 2147483647)
    throw invalid(`filter[${name}]`, 'A Unix time in whole seconds, 0…2147483647, is required.');
  return Number(value);
}

/** `[filter[from] ?? 0, filter[to] ?? now]`; from after to is refused. */
export function requestedRange(context: ApiContext): TimeRange {
  const range = resolveRange({ from: seconds(context, 'from'), to: seconds(context, 'to') }, context.nowS);
  if (range.from > range.to) throw invalid('filter[from]', 'filter[from] must not be after filter[to].');
  return range;
}

/** `filter[resolution]`, raw unless given. */
export function requestedResolution(context: ApiContext): Resolution {
  const raw = context.query.filter['resolution'];
  if (raw === undefined) return 'raw';
  const resolution = resolutions.find((r) => r === raw.trim().toLowerCase());
  if (!resolution) throw invalid('filter[resolution]', `One of ${resolutions.join(', ')} is required.`);
  return resolution;
}

/**
 * Whether `include_timeseries` asks for the samples. The original tested only the raw string's
 * truthiness, so `include_timeseries=False` included them too; here false and 0 mean no.
 */
export function wantsTimeseries(context: ApiContext): boolean {
  const raw = context.query.extra['include_timeseries'];
  if (raw === undefined) return false;
  return !['false', '0'].includes(raw.trim().toLowerCase());
}
