import type pg from 'pg';

import { ClairError, type SqlColumn, type SqlRow, type SqlRunEvent, type TextOrigin } from '../../contract';

import { editorPosition } from './error-position';
import { oneStatement } from './one-statement';
import { inSessionTransaction, type SqlSession, type Transaction } from './session-transaction';
import { isDatabaseError, sqlErrorOf } from './sql-error';
import { firstKeyword, type Statement, splitStatements } from './split-statements';

const fetchSize = 1000;
const cursorName = 'clair_result';
const cursorPrefix = `DECLARE ${cursorName} NO SCROLL CURSOR FOR `;

/** Every value as PostgreSQL prints it: what psql shows, and nothing lost to JavaScript numbers. */
const asText: pg.CustomTypesConfig = { getTypeParser: () => (value: string) => value };

/** The editor runs everything in one transaction it ends itself; these would end it early. */
const transactionControl = new Set(['BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'ABORT', 'SAVEPOINT', 'RELEASE']);

/** Statements whose rows come through a cursor, so only the first rows travel and the rest are counted. */
function readsRows(statement: string): boolean {
  const keyword = firstKeyword(statement);
  if (keyword === 'WITH') return !/\b(INSERT|UPDATE|DELETE|MERGE)\b/i.test(statement);
  return ['SELECT', 'VALUES', 'TABLE'].includes(keyword) || /^\s*\(/.test(statement);
}

export interface RunOptions {
  sql: string;
  origin: TextOrigin;
  rowLimit: number;
  emit: (event: SqlRunEvent) => void;
  signal: AbortSignal;
}

export interface RunSummary {
  durationMs: number;
  rowCount?: number;
  error?: string;
}

async function columnsOf(client: pg.PoolClient, fields: pg.FieldDef[]): Promise<SqlColumn[]> {
  const { rows } = await client.query<{ oid: number; name: string }>(
    'SELECT oid::int AS oid, format_type(oid, NULL) AS name FROM pg_type WHERE oid = ANY($1::oid[])',
    [fields.map((f) => f.dataTypeID)],
  );
  const names = new Map(rows.map((r) => [r.oid, r.name]));
  return fields.map((f) => ({ name: f.name, dataType: names.get(f.dataTypeID) ?? String(f.dataTypeID) }));
}

/** Runs one statement on its own (extended protocol: exactly one statement, nothing smuggled after it). */
function runSingle(session: Transaction, text: string): Promise<pg.QueryArrayResult<SqlRow>> {
  session.checkCancelled();
  return session.client.query<SqlRow>(oneStatement({ text, rowMode: 'array', types: asText }));
}

interface LastResult {
  command: string;
  rowCount: number;
  shownRows: number;
}

/** Streams the rows of a query through a cursor: the first `rowLimit` are sent, the rest counted. */
async function streamRows(session: Transaction, statement: Statement, options: RunOptions): Promise<LastResult> {
  session.checkCancelled();
  await session.client.query(oneStatement({ text: cursorPrefix + statement.text }));
  let shown = 0;
  for (;;) {
    const batch = await runSingle(
      session,
      `FETCH FORWARD ${Math.min(fetchSize, options.rowLimit - shown)} FROM ${cursorName}`,
    );
    if (shown === 0) options.emit({ type: 'columns', columns: await columnsOf(session.client, batch.fields) });
    if (batch.rows.length > 0) options.emit({ type: 'rows', rows: batch.rows });
    shown += batch.rows.length;
    if (batch.rows.length === 0 || shown >= options.rowLimit) break;
  }
  // MOVE counts the remaining rows on the server without sending them.
  const rest =
    shown >= options.rowLimit ? ((await runSingle(session, `MOVE FORWARD ALL IN ${cursorName}`)).rowCount ?? 0) : 0;
  await session.client.query(`CLOSE ${cursorName}`);
  return { command: 'SELECT', rowCount: shown + rest, shownRows: shown };
}

/** A statement that is not a query (a write with RETURNING, SHOW, EXPLAIN): its rows come at once. */
async function runLast(session: Transaction, statement: Statement, options: RunOptions): Promise<LastResult> {
  const result = await runSingle(session, statement.text);
  const rows = result.rows.slice(0, options.rowLimit);
  if (result.fields.length > 0) {
    options.emit({ type: 'columns', columns: await columnsOf(session.client, result.fields) });
    for (let i = 0; i < rows.length; i += fetchSize) options.emit({ type: 'rows', rows: rows.slice(i, i + fetchSize) });
  }
  return { command: result.command, rowCount: result.rowCount ?? result.rows.length, shownRows: rows.length };
}

/**
 * Runs the editor's statements in one transaction of the session (see inSessionTransaction) and
 * streams the last one's result. A PostgreSQL error becomes an `error` event with its position in
 * the editor; cancellation and lost connections are thrown.
 */
export async function runStatements(session: SqlSession, options: RunOptions): Promise<RunSummary> {
  const statements = splitStatements(options.sql);
  if (statements.length === 0) {
    throw new ClairError({ code: 'bad-request', message: 'There is no SQL to run: the text holds only comments' });
  }
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const control = statements.find((s) => transactionControl.has(firstKeyword(s.text)));
  if (control) {
    const error = {
      message: `${firstKeyword(control.text)} is not run here: the editor runs all its statements in one transaction and ${session.readOnly ? 'rolls it back (this session is read-only)' : 'commits it when every statement succeeded'}`,
      ...editorPosition(options.sql, control.start, options.origin),
    };
    options.emit({ type: 'error', error, durationMs: 0 });
    return { durationMs: 0, error: error.message };
  }
  const last = statements[statements.length - 1] as Statement;
  const lastReadsRows = readsRows(last.text);
  let current = { statement: last, prefixLength: 0 };
  try {
    const result = await inSessionTransaction(session, options.signal, { rollback: false }, async (transaction) => {
      for (const statement of statements.slice(0, -1)) {
        current = { statement, prefixLength: 0 };
        await runSingle(transaction, statement.text);
      }
      current = { statement: last, prefixLength: lastReadsRows ? cursorPrefix.length : 0 };
      return lastReadsRows ? streamRows(transaction, last, options) : runLast(transaction, last, options);
    });
    const durationMs = elapsed();
    options.emit({ type: 'done', ...result, statements: statements.length, durationMs });
    return { durationMs, rowCount: result.rowCount };
  } catch (error) {
    if (!isDatabaseError(error) || options.signal.aborted) throw error;
    const sqlError = sqlErrorOf(error, { sql: options.sql, origin: options.origin, ...current });
    if (error.code === '25006' && session.readOnly && !sqlError.hint) {
      sqlError.hint = 'This database is read-only here: unlock writes on the connection bar first';
    }
    const durationMs = elapsed();
    options.emit({ type: 'error', error: sqlError, durationMs });
    return { durationMs, error: sqlError.message };
  }
}
