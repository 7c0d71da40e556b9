import type { ExplainResult, TextOrigin } from '../../contract';

import { editorPosition } from './error-position';
import { explainTree } from './explain-tree';
import { oneStatement } from './one-statement';
import { inSessionTransaction, type SqlSession } from './session-transaction';
import { isDatabaseError, sqlErrorOf } from './sql-error';
import { splitStatements } from './split-statements';

/**
 * EXPLAIN of one statement, with ANALYZE and BUFFERS when asked. ANALYZE executes the statement,
 * so it always runs in a transaction that is rolled back, and a read-only session refuses it for
 * writing statements (PostgreSQL enforces that; the message says why and what to do).
 */
export async function explainStatement(
  session: SqlSession,
  request: { sql: string; origin: TextOrigin; analyze: boolean },
  signal: AbortSignal,
): Promise<ExplainResult> {
  const statements = splitStatements(request.sql);
  const statement = statements[0];
  if (!statement || statements.length > 1) {
    const where = statements[1] ? editorPosition(request.sql, statements[1].start, request.origin) : {};
    return {
      type: 'error',
      error: { message: 'EXPLAIN takes exactly one statement: select the one to explain', ...where },
    };
  }
  const prefix = `EXPLAIN (${request.analyze ? 'ANALYZE, BUFFERS, ' : ''}FORMAT JSON) `;
  try {
    const output = await inSessionTransaction(session, signal, { rollback: true }, async ({ client }) => {
      const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(oneStatement({ text: prefix + statement.text }));
      return rows[0]?.['QUERY PLAN'];
    });
    return { type: 'plan', plan: explainTree(output) };
  } catch (error) {
    if (!isDatabaseError(error) || signal.aborted) throw error;
    const sqlError = sqlErrorOf(error, { ...request, statement, prefixLength: prefix.length });
    if (error.code === '25006' && request.analyze) {
      sqlError.message = `EXPLAIN ANALYZE executes the statement, and this session is read-only (${error.message}): explain it without ANALYZE, or unlock writes first`;
    }
    return { type: 'error', error: sqlError };
  }
}
