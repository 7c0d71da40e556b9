import { JsonApiErrors, jsonApiError } from './errors';
import type { Links } from './document';

/**
 * Page-number pagination as the original's DJA `JsonApiPageNumberPagination` did it
 * (original-clair.md §3.3.1): parameters `page[number]` and `page[size]`, the default size
 * unbounded (`PAGE_SIZE = sys.maxsize`, so every list is complete in one page, which the dashboard
 * relies on: it never follows `links.next`), and a requested size capped at 100.
 */
export const maxPageSize = 100;

/** A parsed page request. `size: null` is the default: everything on one page. */
export interface PageRequest {
  number: number | 'last';
  size: number | null;
}

/** One page of a list of `count` items. */
export interface Page {
  number: number;
  pages: number;
  count: number;
  /** Rows to skip and to take (`limit: null`: all the rest) for the query. */
  offset: number;
  limit: number | null;
}

type Query = Record<string, unknown>;

/** Django's `QueryDict.get` reads the last of repeated values; so does this. */
export function lastValue(value: unknown): string | undefined {
  if (Array.isArray(value)) return lastValue(value.at(-1));
  return typeof value === 'string' ? value : undefined;
}

const positiveInteger = /^[1-9][0-9]{0,8}$/;

/**
 * Reads `page[number]` (a positive integer or DRF's `last`; default 1) and `page[size]` (a
 * positive integer, capped at {@link maxPageSize} as DJA did; default unbounded).
 *
 * Deviation, deliberate: DRF silently ignored a malformed `page[size]` (and so returned
 * everything); here it is a 400 naming the parameter, like a malformed `page[number]`.
 *
 * @throws JsonApiErrors 400 with `source.parameter` for a malformed value.
 */
export function parsePage(query: Query): PageRequest {
  const errors = [];
  const rawNumber = lastValue(query['page[number]']);
  const rawSize = lastValue(query['page[size]']);
  let number: number | 'last' = 1;
  let size: number | null = null;
  if (rawNumber !== undefined && rawNumber !== '') {
    if (rawNumber === 'last') number = 'last';
    else if (positiveInteger.test(rawNumber)) number = Number(rawNumber);
    else
      errors.push(
        jsonApiError(400, 'invalid_page', 'page[number] must be a positive integer or "last".', {
          parameter: 'page[number]',
        }),
      );
  }
  if (rawSize !== undefined && rawSize !== '') {
    if (positiveInteger.test(rawSize)) size = Math.min(Number(rawSize), maxPageSize);
    else
      errors.push(
        jsonApiError(400, 'invalid_page_size', `page[size] must be an integer from 1 to ${maxPageSize}.`, {
          parameter: 'page[size]',
        }),
      );
  }
  if (errors.length) throw new JsonApiErrors(errors);
  return { number, size };
}

/**
 * The page of `count` items that `request` asks for. An empty list still has page 1 of 1, as
 * Django's paginator counts it.
 *
 * @throws JsonApiErrors 404 "Invalid page." beyond the last page, as DRF answered.
 */
export function paginate(request: PageRequest, count: number): Page {
  const pages = request.size === null ? 1 : Math.max(1, Math.ceil(count / request.size));
  const number = request.number === 'last' ? pages : request.number;
  if (number > pages) {
    throw new JsonApiErrors([jsonApiError(404, 'not_found', 'Invalid page.', { parameter: 'page[number]' })]);
  }
  return {
    number,
    pages,
    count,
    offset: request.size === null ? 0 : (number - 1) * request.size,
    limit: request.size,
  };
}

/** `meta` of a paginated list: `{pagination: {page, pages, count}}`, as DJA rendered it. */
export function paginationMeta(page: Page): { pagination: { page: number; pages: number; count: number } } {
  return { pagination: { page: page.number, pages: page.pages, count: page.count } };
}

/**
 * `links` of a paginated list, as DJA built them: the request's absolute URL with `page[number]`
 * replaced, the query sorted and form-encoded (Django's `replace_query_param`), `null` for a
 * missing next or previous page. `first` and `last` always carry `page[number]`.
 */
export function paginationLinks(requestUrl: string, page: Page): Links {
  const link = (n: number | null): string | null => {
    if (n === null) return null;
    const url = new URL(requestUrl);
    const entries = [...url.searchParams.entries()].filter(([k]) => k !== 'page[number]');
    entries.push(['page[number]', String(n)]);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    url.search = new URLSearchParams(entries).toString();
    return url.toString();
  };
  return {
    first: link(1),
    last: link(page.pages),
    next: link(page.number < page.pages ? page.number + 1 : null),
    prev: link(page.number > 1 ? page.number - 1 : null),
  };
}
