import type pg from 'pg';

import { ClairError, type RowFilter, type RowsPage, type RowSort } from '../../contract';
import { jsonSafeTypes } from './json-cells';
import { relationColumns, relationOid } from './schema-tree';
import { qualified, quoteIdent } from './sql-text';

export interface PageQuery {
  schema: string;
  relation: string;
  sort?: RowSort | undefined;
  filters: RowFilter[];
  after?: (string | null)[] | undefined;
  limit: number;
}

/** SQL builder that numbers its parameters. */
class Parameters {
  readonly values: (string | null)[] = [];
  add(value: string | null, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/**
 * One page of a table or view, by keyset: rows after the previous page's last (sort value, key),
 * never OFFSET, so page 1,000 costs what page 1 does when an index serves the order. The key is
 * the primary key, or ctid for tables without one. Views have neither: their rows cannot be told
 * apart, so their pages go by OFFSET (the cursor is the count of rows read), in the sort asked
 * or PostgreSQL's order. The row count is the planner's estimate, never COUNT(*).
 */
export async function readRows(client: pg.ClientBase, query: PageQuery): Promise<RowsPage> {
  const oid = await relationOid(client, query.schema, query.relation);
  const columns = await relationColumns(client, oid);
  const typeOf = new Map(columns.map((column) => [column.name, column.dataType]));
  const known = (column: string, what: string) => {
    const type = typeOf.get(column);
    if (!type) {
      throw new ClairError({
        code: 'bad-request',
        message: `${what}: ${query.schema}.${query.relation} has no column "${column}"`,
      });
    }
    return type;
  };

  const { rows: kindRows } = await client.query<{ relkind: string; reltuples: number }>(
    'SELECT relkind, reltuples::float8 AS reltuples FROM pg_class WHERE oid = $1',
    [oid],
  );
  const relkind = kindRows[0]!.relkind;
  const primaryKey = columns
    .filter((column) => column.primaryKey !== undefined)
    .sort((a, b) => a.primaryKey! - b.primaryKey!)
    .map((column) => column.name);
  // ctid is the physical row address: unique within a table, and what a table without a primary key is paged by.
  const hasCtid = relkind === 'r' || relkind === 'm';
  const key: { expression: string; type: string }[] =
    primaryKey.length > 0
      ? primaryKey.map((name) => ({ expression: quoteIdent(name), type: typeOf.get(name)! }))
      : hasCtid
        ? [{ expression: 'ctid', type: 'tid' }]
        : [];

  const parameters = new Parameters();
  const where: string[] = query.filters.map((filter, index) =>
    filterCondition(filter, known(filter.column, `Filter ${index + 1}`), parameters),
  );

  const sort = query.sort && {
    expression: quoteIdent(query.sort.column),
    type: known(query.sort.column, 'Sort'),
    direction: query.sort.direction,
  };
  const byOffset = key.length === 0;
  const cursorParts = byOffset ? [] : [...(sort ? [sort] : []), ...key];
  const offset = byOffset ? offsetOf(query.after) : 0;
  if (query.after && !byOffset) {
    if (query.after.length !== cursorParts.length) {
      throw new ClairError({
        code: 'bad-request',
        message: 'The page cursor does not match the sort: reload the table',
      });
    }
    where.push(afterCondition(query.after, sort, key, parameters));
  }

  const order = [
    ...(sort ? [`${sort.expression} ${sort.direction === 'asc' ? 'ASC' : 'DESC'} NULLS LAST`] : []),
    ...key.map((part) => `${part.expression} ASC`),
  ];
  const cursorSelect = cursorParts.map((part, index) => `(${part.expression})::text AS "__cursor${index}"`);
  const text = [
    `SELECT ${[...columns.map((column) => quoteIdent(column.name)), ...cursorSelect].join(', ')}`,
    `FROM ${qualified(query.schema, query.relation)}`,
    where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    order.length > 0 ? `ORDER BY ${order.join(', ')}` : '',
    // One more than asked: whether there is a next page, without counting.
    `LIMIT ${query.limit + 1}`,
    offset > 0 ? `OFFSET ${offset}` : '',
  ].join(' ');

  const result = await boundedRead(client, () =>
    client.query<Record<string, unknown>>({
      text,
      values: parameters.values,
      types: jsonSafeTypes,
      rowMode: 'array',
    } as pg.QueryConfig),
  ).catch((error: unknown) => {
    // Class 22 (data exception): a filter's or the cursor's text does not fit its column's type.
    const code = (error as { code?: string }).code;
    if (code?.startsWith('22')) {
      throw new ClairError({
        code: 'bad-request',
        message: `A filter value does not fit its column: ${(error as Error).message}`,
      });
    }
    throw error;
  });
  const rows = result.rows as unknown as unknown[][];
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const next = byOffset ? [String(offset + page.length)] : (last?.slice(columns.length) as (string | null)[]);
  return {
    columns: columns.map((column) => ({ name: column.name, dataType: column.dataType })),
    rows: page.map((row) => row.slice(0, columns.length) as RowsPage['rows'][number]),
    keyColumns: primaryKey,
    ...(more ? { next } : {}),
    estimatedRows: relkind === 'v' || kindRows[0]!.reltuples < 0 ? null : Math.round(kindRows[0]!.reltuples),
  };
}

/** A view's cursor: how many rows the pages before read. */
function offsetOf(after: (string | null)[] | undefined): number {
  if (!after) return 0;
  const offset = Number(after[0]);
  if (after.length !== 1 || !Number.isSafeInteger(offset) || offset < 0) {
    throw new ClairError({ code: 'bad-request', message: 'The page cursor does not match the view: reload it' });
  }
  return offset;
}

/** A page that takes longer than this (a filter no index serves, on a huge table) is cancelled by the server. */
const PAGE_TIMEOUT = '30s';

/**
 * Runs a read in its own read-only transaction with a statement timeout, so that a slow page
 * never holds a connection for long, whatever the session allows otherwise.
 */
async function boundedRead<T>(client: pg.ClientBase, read: () => Promise<T>): Promise<T> {
  await client.query('BEGIN READ ONLY');
  try {
    await client.query(`SET LOCAL statement_timeout = '${PAGE_TIMEOUT}'`);
    const result = await read();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if ((error as { code?: string }).code === '57014') {
      throw new ClairError({
        code: 'failed',
        message: `The page took longer than ${PAGE_TIMEOUT} and was cancelled: narrow the filters (filters on indexed columns are fast) or sort by an indexed column`,
      });
    }
    throw error;
  }
}

function filterCondition(filter: RowFilter, type: string, parameters: Parameters): string {
  const column = quoteIdent(filter.column);
  switch (filter.operator) {
    case 'is null':
      return `${column} IS NULL`;
    case 'is not null':
      return `${column} IS NOT NULL`;
    case 'contains':
      return `${column}::text ILIKE '%' || ${parameters.add(escapeLike(filter.value ?? ''), 'text')} || '%'`;
    default:
      return `${column} ${filter.operator} ${parameters.add(filter.value ?? '', type)}`;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Rows after the cursor in the page order: the sort column (NULLS LAST either way), then the key
 * ascending as a row comparison, which an index on the key serves.
 */
function afterCondition(
  after: (string | null)[],
  sort: { expression: string; type: string; direction: 'asc' | 'desc' } | undefined,
  key: { expression: string; type: string }[],
  parameters: Parameters,
): string {
  const keyValues = sort ? after.slice(1) : after;
  const keyAfter =
    key.length === 0
      ? 'false'
      : `(${key.map((part) => part.expression).join(', ')}) > (${key
          .map((part, index) => parameters.add(keyValues[index] ?? null, part.type))
          .join(', ')})`;
  if (!sort) return keyAfter;
  const value = after[0] ?? null;
  if (value === null) return `(${sort.expression} IS NULL AND ${keyAfter})`;
  const sortValue = parameters.add(value, sort.type);
  const beyond = sort.direction === 'asc' ? '>' : '<';
  return `(${sort.expression} ${beyond} ${sortValue} OR ${sort.expression} IS NULL OR (${sort.expression} = ${sortValue} AND ${keyAfter}))`;
}
