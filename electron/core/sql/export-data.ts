import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

import { ClairError, type ExportEvent, type ExportFormat, type ExportSource } from '../../contract';

import { CsvRecordCounter, JsonArrayWriter } from './export-writers';
import { oneStatement } from './one-statement';
import { inSessionTransaction, type SqlSession } from './session-transaction';
import { splitStatements } from './split-statements';

const fetchSize = 2000;
const progressEveryMs = 250;

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The query whose rows are exported: the table's, or the user's single statement. */
function queryOf(source: ExportSource): string {
  if (source.type === 'table')
    return `SELECT * FROM ${quoteIdentifier(source.schema)}.${quoteIdentifier(source.table)}`;
  const statements = splitStatements(source.sql);
  if (statements.length !== 1) {
    throw new ClairError({
      code: 'bad-request',
      message: 'An export takes exactly one query: select the one to export',
    });
  }
  return (statements[0] as { text: string }).text;
}

/** An absolute path as given; a bare name, or none, inside ~/Downloads. */
export function exportPath(path: string, source: ExportSource, format: ExportFormat, home = homedir()): string {
  if (isAbsolute(path)) return path;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const name = path !== '' ? path : `${source.type === 'table' ? source.table : 'query'}-${stamp}.${format}`;
  return join(home, 'Downloads', name);
}

/** Calls `emit` with progress at most every progressEveryMs. */
function progressReporter(emit: (event: ExportEvent) => void) {
  let last = performance.now();
  return (rows: number, bytes: number) => {
    const now = performance.now();
    if (now - last < progressEveryMs) return;
    last = now;
    emit({ type: 'progress', rows, bytes });
  };
}

function write(file: WriteStream, text: string): Promise<void> | undefined {
  // Waiting for 'drain' only when the file's buffer is full keeps memory flat without a wait per batch.
  return file.write(text) ? undefined : new Promise((resolve) => file.once('drain', resolve));
}

async function exportCsv(
  client: pg.PoolClient,
  query: string,
  file: WriteStream,
  report: (rows: number, bytes: number) => void,
) {
  const counter = new CsvRecordCounter();
  counter.on('data', () => report(Math.max(0, counter.records - 1), counter.bytes));
  await pipeline(client.query(copyTo(`COPY (${query}) TO STDOUT WITH (FORMAT csv, HEADER)`)), counter, file);
  // The header is a record too.
  return { rows: Math.max(0, counter.records - 1), bytes: counter.bytes };
}

async function exportJson(
  client: pg.PoolClient,
  query: string,
  file: WriteStream,
  report: (rows: number, bytes: number) => void,
) {
  await client.query(oneStatement({ text: `DECLARE clair_export NO SCROLL CURSOR FOR ${query}` }));
  let writer: JsonArrayWriter | undefined;
  let rows = 0;
  let bytes = 0;
  const put = async (text: string) => {
    bytes += Buffer.byteLength(text);
    await write(file, text);
  };
  for (;;) {
    const batch = await client.query<unknown[]>({
      text: `FETCH FORWARD ${fetchSize} FROM clair_export`,
      rowMode: 'array',
    });
    if (!writer) {
      writer = new JsonArrayWriter(batch.fields.map((f) => f.name));
      await put(writer.start());
    }
    if (batch.rows.length === 0) break;
    await put(writer.batch(batch.rows));
    rows += batch.rows.length;
    report(rows, bytes);
  }
  await put(writer.end());
  await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { rows, bytes };
}

/**
 * Exports a table or a query's result to a CSV file (COPY … TO STDOUT) or a JSON array (a cursor,
 * batch by batch), streamed with backpressure so memory stays flat whatever the size. It runs in
 * a transaction that is rolled back; cancelling stops the query and removes the partial file.
 */
export async function exportData(
  session: SqlSession,
  request: { source: ExportSource; format: ExportFormat; path: string },
  emit: (event: ExportEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const query = queryOf(request.source);
  const path = request.path;
  await mkdir(dirname(path), { recursive: true });
  const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  await new Promise<void>((resolve, reject) => {
    file.once('open', () => resolve());
    file.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EEXIST'
          ? new ClairError({ code: 'bad-request', message: `${path} exists already: choose another file name` })
          : new ClairError({ code: 'failed', message: `Cannot write ${path}: ${error.message}` }),
      ),
    );
  });
  emit({ type: 'started', path });
  const report = progressReporter(emit);
  try {
    const { rows, bytes } = await inSessionTransaction(session, signal, { rollback: true }, ({ client }) =>
      request.format === 'csv' ? exportCsv(client, query, file, report) : exportJson(client, query, file, report),
    );
    emit({ type: 'done', path, rows, bytes });
  } catch (error) {
    file.destroy();
    await rm(path, { force: true });
    throw error;
  }
}
