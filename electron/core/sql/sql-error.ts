import pg from 'pg';

import type { SqlError, TextOrigin } from '../../contract';
import { editorPosition, indexOfPosition } from './error-position';
import type { Statement } from './split-statements';

/** Where a failing statement came from: the text the editor sent, and the statement inside it. */
export interface StatementSource {
  sql: string;
  origin: TextOrigin;
  statement: Statement;
  /** Characters put before the statement when it was sent (`DECLARE … CURSOR FOR `). */
  prefixLength: number;
}

/** PostgreSQL's error as the editor shows it: the message, and its position in the editor's text. */
export function sqlErrorOf(error: pg.DatabaseError, source: StatementSource): SqlError {
  const position = Number(error.position);
  const sent = source.statement.text;
  // Without a position (a refused write, a timeout) the error points at its statement's start.
  const offset =
    Number.isInteger(position) && position > source.prefixLength
      ? indexOfPosition(sent, position - source.prefixLength)
      : 0;
  const where = editorPosition(source.sql, source.statement.start + offset, source.origin);
  return {
    message: error.message,
    ...(error.code ? { code: error.code } : {}),
    ...where,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.hint ? { hint: error.hint } : {}),
  };
}

export function isDatabaseError(error: unknown): error is pg.DatabaseError {
  return error instanceof pg.DatabaseError;
}
