import { type SelectQueryBuilder, sql } from 'kysely';

import { collectionDocument, resourceDocument } from '../jsonapi/document';
import { type Page, paginate, paginationLinks, paginationMeta } from '../jsonapi/pagination';
import type { ResourceObject } from '../jsonapi/resource';
import type { ApiContext, ApiResult } from './api-route';

/**
 * Reads one page of a filtered query: counts it, then fetches the rows of the page the request
 * asked for. `query` must already be filtered and ordered; by default the whole list is one page
 * (original-clients.md §5.2: the dashboard never follows `links.next`).
 */
export async function fetchPage<DB, TB extends keyof DB, Row>(
  context: ApiContext,
  query: SelectQueryBuilder<DB, TB, Row>,
): Promise<{ page: Page; rows: Row[] }> {
  const counted: { count: string } = await query
    .clearSelect()
    .clearOrderBy()
    .select(sql<string>`count(*)`.as('count'))
    .$castTo<{ count: string }>()
    .executeTakeFirstOrThrow();
  const page = paginate(context.page, Number(counted.count));
  let rows = query.offset(page.offset);
  if (page.limit !== null) rows = rows.limit(page.limit);
  return { page, rows: await rows.execute() };
}

/** 200 with a paginated collection document. */
export function listResult(
  context: ApiContext,
  page: Page,
  data: readonly ResourceObject[],
  included: readonly ResourceObject[] = [],
): ApiResult {
  return {
    status: 200,
    document: collectionDocument(data, {
      included,
      meta: paginationMeta(page),
      links: paginationLinks(context.selfUrl, page),
    }),
  };
}

/** A single resource document with the given status (200 read/update, 201 create). */
export function resourceResult(
  status: number,
  data: ResourceObject | null,
  included: readonly ResourceObject[] = [],
): ApiResult {
  return { status, document: resourceDocument(data, { included }) };
}

/** 204 No Content, the answer to a delete. */
export const noContent: ApiResult = { status: 204 };
