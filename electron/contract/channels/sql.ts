import { z } from 'zod';

import { defineInvoke, defineStream } from '../define';
import { DatabaseRequest } from './database';

/** At most this many rows of a result travel to the grid; the rest are counted, not sent. */
export const sqlGridRowLimit = 10_000;

/** Where a text starts in the editor, 1-based, so positions inside it map back onto the editor. */
export const TextOrigin = z.object({
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type TextOrigin = z.infer<typeof TextOrigin>;

export const SqlRequest = DatabaseRequest.extend({
  /** The statements to run: the editor's whole text or its selection. */
  sql: z.string().min(1, 'there is no SQL to run'),
  /** Where `sql` starts in the editor (the selection's start); errors are reported in editor positions. */
  origin: TextOrigin.default({ line: 1, column: 1 }),
});
export type SqlRequest = z.input<typeof SqlRequest>;

/** A failed statement as PostgreSQL reported it, with its position in the editor's text. */
export const SqlError = z.object({
  message: z.string(),
  /** SQLSTATE, e.g. 42601 for a syntax error, 25006 for a write in a read-only transaction. */
  code: z.string().optional(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  detail: z.string().optional(),
  hint: z.string().optional(),
});
export type SqlError = z.infer<typeof SqlError>;

export const SqlColumn = z.object({ name: z.string(), dataType: z.string() });
export type SqlColumn = z.infer<typeof SqlColumn>;

/** Cells as PostgreSQL prints them (what psql shows); null is SQL NULL. */
export const SqlRow = z.array(z.string().nullable());
export type SqlRow = z.infer<typeof SqlRow>;

export const SqlRunEvent = z.discriminatedUnion('type', [
  /** The result's columns, before its first rows. */
  z.object({ type: z.literal('columns'), columns: z.array(SqlColumn) }),
  z.object({ type: z.literal('rows'), rows: z.array(SqlRow) }),
  z.object({
    type: z.literal('done'),
    /** The last statement's command tag word: SELECT, INSERT, UPDATE… */
    command: z.string(),
    /** Rows the last statement returned or changed, all of them. */
    rowCount: z.number().int().nonnegative(),
    /** Rows sent to the grid: at most sqlGridRowLimit. */
    shownRows: z.number().int().nonnegative(),
    statements: z.number().int().positive(),
    durationMs: z.number().nonnegative(),
  }),
  /** The statement failed; nothing of the run was kept (it ran in one transaction). */
  z.object({ type: z.literal('error'), error: SqlError, durationMs: z.number().nonnegative() }),
]);
export type SqlRunEvent = z.infer<typeof SqlRunEvent>;

/** One node of an EXPLAIN plan, in depth-first order; `depth` gives the tree. */
export const ExplainNode = z.object({
  depth: z.number().int().nonnegative(),
  nodeType: z.string(),
  /** What it works on, in words: the relation and alias, the index, the join type. */
  target: z.string(),
  startupCost: z.number(),
  totalCost: z.number(),
  planRows: z.number(),
  /** Measured by ANALYZE: rows per loop, milliseconds per loop, loops. */
  actualRows: z.number().optional(),
  actualTotalMs: z.number().optional(),
  loops: z.number().optional(),
  /** The node's own time (ANALYZE) or cost (without), children excluded, as a share of the whole. */
  share: z.number().min(0).max(1),
  /** Shared buffers hit and read (ANALYZE, BUFFERS). */
  buffersHit: z.number().optional(),
  buffersRead: z.number().optional(),
  /** Filters, conditions and sort keys, one per line. */
  details: z.array(z.string()),
});
export type ExplainNode = z.infer<typeof ExplainNode>;

export const ExplainPlan = z.object({
  nodes: z.array(ExplainNode),
  analyzed: z.boolean(),
  planningMs: z.number().optional(),
  executionMs: z.number().optional(),
});
export type ExplainPlan = z.infer<typeof ExplainPlan>;

export const ExplainResult = z.discriminatedUnion('type', [
  z.object({ type: z.literal('plan'), plan: ExplainPlan }),
  z.object({ type: z.literal('error'), error: SqlError }),
]);
export type ExplainResult = z.infer<typeof ExplainResult>;

export const HistoryEntry = z.object({
  /** ISO time the run started. */
  at: z.string(),
  sql: z.string(),
  durationMs: z.number().nonnegative(),
  rowCount: z.number().int().nonnegative().optional(),
  error: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const HistoryRequest = DatabaseRequest.extend({
  /** Words that must all appear in the SQL (case-insensitive); empty lists everything. */
  search: z.string().default(''),
  limit: z.number().int().positive().max(5000).default(500),
});
export type HistoryRequest = z.input<typeof HistoryRequest>;

export const ExportSource = z.discriminatedUnion('type', [
  z.object({ type: z.literal('table'), schema: z.string().min(1), table: z.string().min(1) }),
  z.object({ type: z.literal('query'), sql: z.string().min(1, 'there is no query to export') }),
]);
export type ExportSource = z.infer<typeof ExportSource>;

export const exportFormats = ['csv', 'json'] as const;
export const ExportFormat = z.enum(exportFormats);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportRequest = DatabaseRequest.extend({
  source: ExportSource,
  format: ExportFormat,
  /** An absolute path, or a file name inside ~/Downloads; empty: a name made from the source. */
  path: z.string().default(''),
});
export type ExportRequest = z.input<typeof ExportRequest>;

export const ExportEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), path: z.string() }),
  z.object({
    type: z.literal('progress'),
    rows: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
  }),
  z.object({
    type: z.literal('done'),
    path: z.string(),
    rows: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
  }),
]);
export type ExportEvent = z.infer<typeof ExportEvent>;

export const sqlChannels = {
  /**
   * Runs the statements in one transaction (read only unless the session may write): the last
   * statement's columns, then its rows in batches, then `done`, or `error` with the position.
   * Unsubscribing cancels the running statement.
   */
  run: defineStream('sql:run', SqlRequest, SqlRunEvent),
  /**
   * EXPLAIN (FORMAT JSON), with ANALYZE and BUFFERS when asked, inside a transaction rolled back:
   * one event with the plan or the error. A stream so that unsubscribing cancels a long ANALYZE.
   */
  explain: defineStream('sql:explain', SqlRequest.extend({ analyze: z.boolean() }), ExplainResult),
  /** The past runs on this environment's (or saved connection's) database, newest first. */
  history: defineInvoke('sql:history', HistoryRequest, z.object({ entries: z.array(HistoryEntry) })),
  /** A table or a query's result to a CSV or JSON file, streamed; unsubscribing cancels and removes the file. */
  export: defineStream('sql:export', ExportRequest, ExportEvent, { title: 'Exported data' }),
};
