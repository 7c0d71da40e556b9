// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { SqlRunEvent, StreamListener } from '../../../electron/contract';

const streams: { request: unknown; listener: StreamListener<SqlRunEvent>; closed: boolean }[] = [];
vi.mock('../api/clair', () => ({
  clair: {
    sql: {
      run: (request: unknown, listener: StreamListener<SqlRunEvent>) => {
        const stream = { request, listener, closed: false };
        streams.push(stream);
        return () => {
          stream.closed = true;
        };
      },
    },
  },
}));

const { createSqlStore } = await import('./sql-store');

const send = (event: SqlRunEvent) => streams.at(-1)!.listener({ type: 'event', event });
const columns: SqlRunEvent = { type: 'columns', columns: [{ name: 'n', dataType: 'integer' }] };

beforeEach(() => {
  streams.length = 0;
});

describe('the SQL store', () => {
  it('runs the text for the environment and gathers the streamed result', () => {
    const store = createSqlStore();
    store.getState().open({ environment: 'dev' });
    store.getState().runSql({ sql: 'SELECT n', origin: { line: 2, column: 3 } });
    expect(streams[0]?.request).toEqual({ environment: 'dev', sql: 'SELECT n', origin: { line: 2, column: 3 } });
    send(columns);
    send({ type: 'rows', rows: [['1'], ['2']] });
    send({ type: 'rows', rows: [['3']] });
    send({ type: 'done', command: 'SELECT', rowCount: 3, shownRows: 3, statements: 1, durationMs: 4 });
    expect(store.getState().rows).toEqual([['1'], ['2'], ['3']]);
    expect(store.getState().run).toMatchObject({ status: 'done', done: { rowCount: 3 } });
  });

  it('starts the result again when a retried run sends its columns anew', () => {
    const store = createSqlStore();
    store.getState().open({ environment: 'dev' });
    store.getState().runSql({ sql: 'SELECT n', origin: { line: 1, column: 1 } });
    send(columns);
    send({ type: 'rows', rows: [['1']] });
    send(columns);
    send({ type: 'rows', rows: [['1']] });
    expect(store.getState().rows).toEqual([['1']]);
  });

  it('cancels by closing the stream, and keeps each environment’s text', () => {
    const store = createSqlStore();
    store.getState().open({ environment: 'dev' });
    store.getState().setText('SELECT pg_sleep(60)');
    store.getState().runSql({ sql: 'SELECT pg_sleep(60)', origin: { line: 1, column: 1 } });
    store.getState().cancel();
    expect(streams[0]?.closed).toBe(true);
    expect(store.getState().run).toEqual({ status: 'cancelled' });

    store.getState().open({ environment: 'production' });
    expect(store.getState().text).toBe('');
    store.getState().setText('SELECT 1');
    store.getState().open({ environment: 'dev' });
    expect(store.getState().text).toBe('SELECT pg_sleep(60)');
    store.getState().open({ environment: 'production' });
    expect(store.getState().text).toBe('SELECT 1');
  });

  it('shows PostgreSQL’s error with its position, and a failed stream as failed', () => {
    const store = createSqlStore();
    store.getState().open({ environment: 'dev' });
    store.getState().runSql({ sql: 'SELECT nope', origin: { line: 1, column: 1 } });
    send({
      type: 'error',
      error: { message: 'column "nope" does not exist', code: '42703', line: 1, column: 8 },
      durationMs: 1,
    });
    expect(store.getState().run).toEqual({
      status: 'error',
      error: { message: 'column "nope" does not exist', code: '42703', line: 1, column: 8 },
    });
    store.getState().runSql({ sql: 'SELECT 1', origin: { line: 1, column: 1 } });
    streams.at(-1)!.listener({ type: 'end', error: { code: 'unavailable', message: 'The connection was lost' } });
    expect(store.getState().run).toEqual({
      status: 'failed',
      error: { code: 'unavailable', message: 'The connection was lost' },
    });
  });
});
