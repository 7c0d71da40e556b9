import { type ExpressionBuilder, type ReferenceExpression, sql } from 'kysely';

/**
 * `filter[search]` as DRF's SearchFilter did it: a case-insensitive "contains" on a column.
 * `%`, `_` and `\` in the term are literal.
 */
export function containsText<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: ReferenceExpression<DB, TB>,
  term: string,
) {
  const escaped = term.replace(/[\\%_]/g, (c) => `\\${c}`);
  return eb(column, 'ilike', sql<string>`${'%' + escaped + '%'}`);
}
