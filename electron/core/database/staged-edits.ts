import type pg from 'pg';

import { ClairError, type ColumnInfo, type StagedEdit } from '../../contract';
import { relationColumns, relationOid } from './schema-tree';
import { qualified, quoteIdent, quoteLiteral } from './sql-text';

/** One statement of the edits: what runs (parameterised) and what the user is shown (literals). */
export interface EditStatement {
  text: string;
  values: (string | null)[];
  preview: string;
  /** Updates and deletes must hit exactly their one row. */
  oneRow: boolean;
}

/** Builds the same statement twice: with $n placeholders to run, with literals to show. */
class Statement {
  readonly #text: string[] = [];
  readonly #preview: string[] = [];
  readonly values: (string | null)[] = [];

  sql(text: string): this {
    this.#text.push(text);
    this.#preview.push(text);
    return this;
  }

  value(value: string | null, type: string): this {
    this.values.push(value);
    this.#text.push(`$${this.values.length}::${type}`);
    this.#preview.push(value === null ? 'NULL' : `${quoteLiteral(value)}::${type}`);
    return this;
  }

  /** `a = $1 AND b = $2` or `a = $1, b = $2`. */
  assignments(entries: [string, string | null][], typeOf: (column: string) => string, separator: string): this {
    entries.forEach(([column, value], index) => {
      if (index > 0) this.sql(separator);
      this.sql(`${quoteIdent(column)} = `).value(value, typeOf(column));
    });
    return this;
  }

  build(oneRow: boolean): EditStatement {
    return { text: this.#text.join(''), values: this.values, preview: `${this.#preview.join('')};`, oneRow };
  }
}

/**
 * The statements staged edits run, checked against the relation's columns first: updates and
 * deletes find their row by the full primary key, so a table without one cannot be edited here.
 */
export async function editStatements(client: pg.ClientBase, edits: StagedEdit[]): Promise<EditStatement[]> {
  const tables = new Map<string, ColumnInfo[]>();
  const statements: EditStatement[] = [];
  for (const [index, edit] of edits.entries()) {
    const { schema, relation } = edit;
    const tableKey = JSON.stringify([schema, relation]);
    const columns =
      tables.get(tableKey) ?? (await relationColumns(client, await relationOid(client, schema, relation)));
    tables.set(tableKey, columns);
    statements.push(editStatement(edit, index, columns));
  }
  return statements;
}

function editStatement(edit: StagedEdit, index: number, columns: ColumnInfo[]): EditStatement {
  const { schema, relation } = edit;
  const byName = new Map<string, ColumnInfo>(columns.map((column) => [column.name, column]));
  const primaryKey = columns
    .filter((column) => column.primaryKey !== undefined)
    .sort((a, b) => a.primaryKey! - b.primaryKey!)
    .map((column) => column.name);
  const table = qualified(schema, relation);
  {
    const what = `Edit ${index + 1} (${edit.kind})`;
    const typeOf = (column: string) => {
      const info = byName.get(column);
      if (!info)
        throw new ClairError({
          code: 'bad-request',
          message: `${what}: ${schema}.${relation} has no column "${column}"`,
        });
      return info.dataType;
    };
    const keyOf = (key: Record<string, string>): [string, string][] => {
      if (primaryKey.length === 0) {
        throw new ClairError({
          code: 'bad-request',
          message: `${what}: ${schema}.${relation} has no primary key, so its rows cannot be told apart for editing; use the SQL editor`,
        });
      }
      const missing = primaryKey.filter((column) => key[column] === undefined);
      if (missing.length > 0) {
        throw new ClairError({ code: 'bad-request', message: `${what}: the row's key lacks ${missing.join(', ')}` });
      }
      return primaryKey.map((column) => [column, key[column]!]);
    };

    const statement = new Statement();
    switch (edit.kind) {
      case 'update': {
        const changes = Object.entries(edit.changes);
        if (changes.length === 0) throw new ClairError({ code: 'bad-request', message: `${what}: nothing changes` });
        return statement
          .sql(`UPDATE ${table} SET `)
          .assignments(changes, typeOf, ', ')
          .sql(' WHERE ')
          .assignments(keyOf(edit.key), typeOf, ' AND ')
          .build(true);
      }
      case 'insert': {
        const values = Object.entries(edit.values);
        if (values.length === 0) return statement.sql(`INSERT INTO ${table} DEFAULT VALUES`).build(false);
        statement.sql(`INSERT INTO ${table} (${values.map(([column]) => quoteIdent(column)).join(', ')}) VALUES (`);
        values.forEach(([column, value], position) => {
          if (position > 0) statement.sql(', ');
          statement.value(value, typeOf(column));
        });
        return statement.sql(')').build(false);
      }
      case 'delete':
        return statement.sql(`DELETE FROM ${table} WHERE `).assignments(keyOf(edit.key), typeOf, ' AND ').build(true);
    }
  }
}

/**
 * Runs the statements in one transaction: all or nothing. An update or delete that finds no row
 * (changed or deleted by someone since it was read) rolls everything back. PostgreSQL's own
 * refusal (read-only, a constraint) names the edit it came from.
 */
export async function commitStatements(client: pg.ClientBase, statements: EditStatement[]): Promise<number> {
  await client.query('BEGIN');
  try {
    let affected = 0;
    for (const [index, statement] of statements.entries()) {
      let result: pg.QueryResult;
      try {
        result = await client.query(statement.text, statement.values);
      } catch (error) {
        throw editError(error, index);
      }
      if (statement.oneRow && result.rowCount !== 1) {
        throw new ClairError({
          code: 'failed',
          message: `Edit ${index + 1} matched ${result.rowCount ?? 0} rows instead of its one: the row was changed or deleted since it was read. Nothing was committed; reload the table`,
        });
      }
      affected += result.rowCount ?? 0;
    }
    await client.query('COMMIT');
    return affected;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function editError(error: unknown, index: number): unknown {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message;
  // 25006: read_only_sql_transaction, what production's read-only session answers.
  if (code === '25006') {
    return new ClairError({
      code: 'forbidden',
      message: `PostgreSQL refused the write: this session is read-only (${message}). Unlock writes for a few minutes to commit; nothing was committed`,
    });
  }
  if (code && /^(22|23|42)/.test(code)) {
    return new ClairError({ code: 'failed', message: `Edit ${index + 1}: ${message}. Nothing was committed` });
  }
  return error;
}
