import { z } from 'zod';

import { defineInvoke, defineStream } from '../define';

/**
 * A cell as it crosses IPC: JSON-safe. bigint and numeric are strings (no precision lost),
 * timestamps ISO 8601 strings, bytea `\x` hex, json/jsonb the parsed value, other types as
 * PostgreSQL prints them; null is SQL NULL.
 */
export const Cell = z.json();
export type Cell = z.infer<typeof Cell>;

/** Where the Database screen's session stands; never a credential. */
export const DatabaseStatus = z.object({
  /** What it is connected to: environment, user, service, database. */
  label: z.string(),
  /** PostgreSQL refuses writes right now. */
  readOnly: z.boolean(),
  /** Production: read-only unless unlocked for a while. */
  readOnlyByDefault: z.boolean(),
  /** While unlocked: when writes end again (ISO). */
  unlockedUntil: z.string().optional(),
  state: z.enum(['connected', 'lost']),
  /** The last thing that happened to the connection: lost (and why), reconnected. */
  notice: z.string().optional(),
});
export type DatabaseStatus = z.infer<typeof DatabaseStatus>;

/**
 * What the Database screen reads: the `db` service of an environment's stack (`environment`), or
 * a connection string saved under a name (`connection`). Exactly one of the two.
 */
export const DatabaseRequest = z.object({
  environment: z.string().min(1).optional(),
  connection: z.string().min(1).optional(),
});
export type DatabaseSource = z.infer<typeof DatabaseRequest>;

/**
 * A saved connection's name: also part of a secret's name and a file name (its SQL history), so
 * plain characters only, and short enough for a secret's name with its prefix.
 */
export const ConnectionName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/,
    'a connection name is 1 to 50 letters, digits, dots, dashes or underscores',
  );

/** A saved connection as the renderer sees it: never the connection string, which holds a password. */
export const SavedConnection = z.object({
  name: ConnectionName,
  /** user@host:port/database. */
  label: z.string(),
  /** PostgreSQL refuses writes unless the connection is unlocked for a while, as on production. */
  readOnly: z.boolean(),
});
export type SavedConnection = z.infer<typeof SavedConnection>;

export const SaveConnectionRequest = z.object({
  name: ConnectionName,
  /** postgres://USER:PASSWORD@HOST:PORT/DATABASE; kept in the secret store, never sent back. */
  connectionString: z.string().min(1, 'the connection string is empty'),
  readOnly: z.boolean().default(false),
  /** The secret store may keep it unencrypted (Linux without a keyring): the user agreed. */
  allowPlainText: z.boolean().default(false),
});
export type SaveConnectionRequest = z.input<typeof SaveConnectionRequest>;

export const UnlockRequest = DatabaseRequest.extend({
  /** How long writes are allowed; then the session is read-only again. */
  minutes: z.number().int().min(1).max(60).default(10),
  confirm: z.string().optional(),
});

export const RelationKind = z.enum(['table', 'view', 'materialized view', 'partitioned table', 'foreign table']);
export type RelationKind = z.infer<typeof RelationKind>;

export const SchemaNode = z.object({ name: z.string(), relations: z.number().int() });
export type SchemaNode = z.infer<typeof SchemaNode>;

export const RelationNode = z.object({
  name: z.string(),
  kind: RelationKind,
  /** pg_class.reltuples: the planner's estimate; null when never analyzed. */
  estimatedRows: z.number().nullable(),
  /** Table, indexes and TOAST together. */
  totalBytes: z.number(),
});
export type RelationNode = z.infer<typeof RelationNode>;

export const RelationRequest = DatabaseRequest.extend({ schema: z.string(), relation: z.string() });
export type RelationRequest = z.infer<typeof RelationRequest>;

export const ColumnInfo = z.object({
  name: z.string(),
  /** As PostgreSQL names it: `timestamp with time zone`, `numeric(10,2)`. */
  dataType: z.string(),
  nullable: z.boolean(),
  default: z.string().optional(),
  /** Position in the primary key, from 1. */
  primaryKey: z.number().int().optional(),
});
export type ColumnInfo = z.infer<typeof ColumnInfo>;

export const ForeignKey = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  schema: z.string(),
  relation: z.string(),
  referencedColumns: z.array(z.string()),
});
export type ForeignKey = z.infer<typeof ForeignKey>;

export const RelationDetails = z.object({
  schema: z.string(),
  name: z.string(),
  kind: RelationKind,
  columns: z.array(ColumnInfo),
  indexes: z.array(z.object({ name: z.string(), definition: z.string(), bytes: z.number() })),
  constraints: z.array(z.object({ name: z.string(), type: z.string(), definition: z.string() })),
  /** Foreign keys of this relation to others: a cell's value leads to the referenced row. */
  references: z.array(ForeignKey),
  /** Foreign keys of other tables to this one: a row leads to the rows that reference it. */
  referencedBy: z.array(ForeignKey),
  estimatedRows: z.number().nullable(),
  tableBytes: z.number(),
  indexBytes: z.number(),
  totalBytes: z.number(),
});
export type RelationDetails = z.infer<typeof RelationDetails>;

export const filterOperators = ['=', '<>', '<', '<=', '>', '>=', 'contains', 'is null', 'is not null'] as const;
export const FilterOperator = z.enum(filterOperators);
export type FilterOperator = z.infer<typeof FilterOperator>;

export const RowFilter = z.object({
  column: z.string(),
  operator: FilterOperator,
  /** Text PostgreSQL casts to the column's type; unused by `is null` / `is not null`. */
  value: z.string().optional(),
});
export type RowFilter = z.infer<typeof RowFilter>;

export const RowSort = z.object({ column: z.string(), direction: z.enum(['asc', 'desc']) });
export type RowSort = z.infer<typeof RowSort>;

/** The last row of a page: its sort and key values as PostgreSQL prints them. Opaque to the renderer. */
export const PageCursor = z.array(z.string().nullable());

export const RowsRequest = RelationRequest.extend({
  sort: RowSort.optional(),
  filters: z.array(RowFilter).default([]),
  /** The previous page's `next`; absent for the first page. */
  after: PageCursor.optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type RowsRequest = z.input<typeof RowsRequest>;

export const RowsPage = z.object({
  columns: z.array(z.object({ name: z.string(), dataType: z.string() })),
  rows: z.array(z.array(Cell)),
  /** How rows are told apart: the primary key's columns, or none (ctid: such rows cannot be edited). */
  keyColumns: z.array(z.string()),
  /** The cursor of the next page; absent on the last one. */
  next: PageCursor.optional(),
  /** From the statistics, not COUNT(*): null when the table was never analyzed. */
  estimatedRows: z.number().nullable(),
});
export type RowsPage = z.infer<typeof RowsPage>;

/** A value an edit writes: text PostgreSQL casts to the column's type, or null. */
export const EditValue = z.string().nullable();
/** A row by its primary key: column → the key value as text. */
export const RowKey = z.record(z.string(), z.string());

/** The table an edit changes. */
const EditTable = z.object({ schema: z.string(), relation: z.string() });

export const StagedEdit = z.discriminatedUnion('kind', [
  EditTable.extend({ kind: z.literal('update'), key: RowKey, changes: z.record(z.string(), EditValue) }),
  EditTable.extend({ kind: z.literal('insert'), values: z.record(z.string(), EditValue) }),
  EditTable.extend({ kind: z.literal('delete'), key: RowKey }),
]);
export type StagedEdit = z.infer<typeof StagedEdit>;

/** Edits of one or more tables, committed in one transaction. */
export const EditsRequest = DatabaseRequest.extend({ edits: z.array(StagedEdit).min(1, 'nothing is staged') });
export type EditsRequest = z.input<typeof EditsRequest>;

export const EditsPreview = z.object({
  /** The statements as they will run, values written in as literals, in order, inside one transaction. */
  statements: z.array(z.string()),
});
export type EditsPreview = z.infer<typeof EditsPreview>;

export const databaseChannels = {
  /** Connection strings saved in the secret store, by name, without their passwords. */
  connections: defineInvoke('database:connections', z.void(), z.object({ connections: z.array(SavedConnection) })),
  /** Saves (or replaces) a connection string; a session open on the old one is closed. */
  saveConnection: defineInvoke('database:save-connection', SaveConnectionRequest, SavedConnection, {
    title: 'Saved a database connection',
  }),
  deleteConnection: defineInvoke('database:delete-connection', z.object({ name: ConnectionName }), z.void(), {
    title: 'Deleted a database connection',
  }),
  /** Opens (or reuses) the environment's session; production starts read-only. */
  connect: defineInvoke('database:connect', DatabaseRequest.extend({ confirm: z.string().optional() }), DatabaseStatus),
  /** The session's status now and on every change: lost, reconnected, unlocked, locked again. */
  status: defineStream('database:status', DatabaseRequest, DatabaseStatus),
  unlock: defineInvoke('database:unlock', UnlockRequest, DatabaseStatus, { title: 'Unlocked database writes' }),
  lock: defineInvoke('database:lock', DatabaseRequest, DatabaseStatus, { title: 'Locked database writes' }),
  schemas: defineInvoke('database:schemas', DatabaseRequest, z.object({ schemas: z.array(SchemaNode) })),
  relations: defineInvoke(
    'database:relations',
    DatabaseRequest.extend({ schema: z.string() }),
    z.object({ relations: z.array(RelationNode) }),
  ),
  relation: defineInvoke('database:relation', RelationRequest, RelationDetails),
  /**
   * A page of rows, keyset-paginated: no OFFSET, no COUNT(*). One event, then the end; a stream so
   * that unsubscribing cancels a slow page (a filter no index serves) in PostgreSQL.
   */
  rows: defineStream('database:rows', RowsRequest, RowsPage),
  previewEdits: defineInvoke('database:preview-edits', EditsRequest, EditsPreview),
  /** Runs the staged edits in one transaction: all of them or none. */
  commitEdits: defineInvoke(
    'database:commit-edits',
    EditsRequest.extend({ confirm: z.string().optional() }),
    z.object({ statements: z.array(z.string()), rowsAffected: z.number().int() }),
    { title: 'Committed table edits' },
  ),
};
