import type pg from 'pg';

/**
 * The query sent with the extended protocol, which takes exactly one statement: text after a
 * semicolon is refused by PostgreSQL instead of run. pg (8.12 and later) reads `queryMode`;
 * @types/pg does not declare it yet.
 */
export function oneStatement<C extends pg.QueryConfig>(config: C): C {
  return Object.assign(config, { queryMode: 'extended' });
}
