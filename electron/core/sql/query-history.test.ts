import { appendFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { QueryHistory } from './query-history';

async function history() {
  const problems: string[] = [];
  const store = new QueryHistory(join(await mkdtemp(join(tmpdir(), 'sql-history-')), 'sql-history'), (message) =>
    problems.push(message),
  );
  return { store, problems };
}

describe('QueryHistory', () => {
  it('keeps each environment apart and lists newest first', async () => {
    const { store } = await history();
    await store.append('dev', { at: '2026-01-01T00:00:00.000Z', sql: 'SELECT 1', durationMs: 3, rowCount: 1 });
    await store.append('dev', {
      at: '2026-01-01T00:00:01.000Z',
      sql: 'SELECT nope',
      durationMs: 1,
      error: 'column "nope" does not exist',
    });
    await store.append('production', { at: '2026-01-01T00:00:02.000Z', sql: 'SELECT 2', durationMs: 2, rowCount: 1 });
    expect((await store.list('dev', '', 10)).map((e) => e.sql)).toEqual(['SELECT nope', 'SELECT 1']);
    expect((await store.list('production', '', 10)).map((e) => e.sql)).toEqual(['SELECT 2']);
    expect(await store.list('staging', '', 10)).toEqual([]);
  });

  it('finds entries holding every word searched, case-insensitively, up to the limit', async () => {
    const { store } = await history();
    for (const sql of [
      'select * from nodes',
      'SELECT count(*) FROM samples',
      'select * from samples where x',
      'vacuum',
    ]) {
      await store.append('dev', { at: new Date().toISOString(), sql, durationMs: 0 });
    }
    expect((await store.list('dev', 'FROM samples', 10)).map((e) => e.sql)).toEqual([
      'select * from samples where x',
      'SELECT count(*) FROM samples',
    ]);
    expect(await store.list('dev', 'from', 1)).toHaveLength(1);
  });

  it('skips a damaged line, names its file and line, and keeps the others', async () => {
    const { store, problems } = await history();
    await store.append('dev', { at: '2026-01-01T00:00:00.000Z', sql: 'SELECT 1', durationMs: 0 });
    await appendFile(store.fileOf('dev'), '{"at": 42}\n');
    await store.append('dev', { at: '2026-01-01T00:00:02.000Z', sql: 'SELECT 3', durationMs: 0 });
    expect((await store.list('dev', '', 10)).map((e) => e.sql)).toEqual(['SELECT 3', 'SELECT 1']);
    expect(problems).toEqual([`${store.fileOf('dev')}, line 2: not a history entry; skipped`]);
  });
});
