// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { LogLine, LogsEvent, StreamListener } from '../../../electron/contract';

const streams: { request: unknown; listener: StreamListener<LogsEvent>; closed: boolean }[] = [];
vi.mock('../api/clair', () => ({
  clair: {
    logs: {
      services: () => Promise.resolve({ stack: 's', services: ['api', 'web'] }),
      follow: (request: unknown, listener: StreamListener<LogsEvent>) => {
        const stream = { request, listener, closed: false };
        streams.push(stream);
        return () => {
          stream.closed = true;
        };
      },
    },
  },
}));

const { createLogsStore, shownCount } = await import('./logs-store');

let n = 0;
const line = (overrides: Partial<LogLine> = {}): LogLine => ({
  time: `2026-01-01T00:00:00.${String(n++).padStart(9, '0')}Z`,
  service: 'web',
  task: 't1',
  stream: 'stdout',
  level: 'info',
  json: false,
  text: `line ${n}`,
  ...overrides,
});
const send = (lines: LogLine[]) => streams.at(-1)!.listener({ type: 'event', event: { type: 'lines', lines } });
const texts = (store: ReturnType<typeof createLogsStore>) =>
  Array.from({ length: shownCount(store.getState()) }, (_, i) => store.getState().buffer.matchAt(i)!.item.text);

beforeEach(() => {
  streams.length = 0;
  n = 0;
});

describe('the logs store', () => {
  it('follows every service of the environment live and keeps only the last lines', () => {
    const store = createLogsStore(5);
    store.getState().open('dev');
    expect(streams[0]!.request).toEqual({ environment: 'dev', services: [], follow: true, tail: 1000 });
    send(Array.from({ length: 4 }, () => line()));
    send(Array.from({ length: 4 }, () => line()));
    const { buffer } = store.getState();
    expect([buffer.received, buffer.kept]).toEqual([8, 5]);
    expect(texts(store)).toEqual(['line 4', 'line 5', 'line 6', 'line 7', 'line 8']);
  });

  it('filters by regular expression, level and service, on arrival and on change', () => {
    const store = createLogsStore();
    store.getState().open('dev');
    send([
      line({ text: 'boot ok' }),
      line({ text: 'DB timeout', level: 'error' }),
      line({ service: 'api', text: 'api timeout' }),
    ]);
    store.getState().setPattern('time?out');
    expect(texts(store)).toEqual(['DB timeout', 'api timeout']);
    store.getState().toggleService('api');
    expect(texts(store)).toEqual(['DB timeout']);
    send([line({ text: 'new timeout', level: 'warn' }), line({ service: 'api', text: 'hidden timeout' })]);
    expect(texts(store)).toEqual(['DB timeout', 'new timeout']);
    store.getState().toggleLevel('error');
    expect(texts(store)).toEqual(['new timeout']);
  });

  it('reports an invalid regular expression and keeps the last valid filter', () => {
    const store = createLogsStore();
    store.getState().open('dev');
    send([line({ text: 'a(b' }), line({ text: 'other' })]);
    store.getState().setPattern('a\\(');
    store.getState().setPattern('a(');
    expect(store.getState().patternError).toMatch(/unterminated|missing/i);
    expect(texts(store)).toEqual(['a(b']);
  });

  it('keeps receiving while paused, shows the new lines on resume, and counts lines missed while scrolled up', () => {
    const store = createLogsStore();
    store.getState().open('dev');
    send([line(), line()]);
    store.getState().setPaused(true);
    send([line(), line(), line()]);
    expect(shownCount(store.getState())).toBe(2);
    expect(store.getState().buffer.received).toBe(5);
    store.getState().setPaused(false);
    expect(shownCount(store.getState())).toBe(5);

    store.getState().setFollowing(false);
    send([line(), line()]);
    const state = store.getState();
    expect(state.buffer.matchedTotal - state.followMark).toBe(2);
  });

  it('asks for a time range without following, and shows why a stream ended', () => {
    const store = createLogsStore();
    store.getState().open('dev');
    const range = { since: '2026-01-01T00:00:00.000Z', until: '2026-01-01T01:00:00.000Z' };
    store.getState().setRange(range);
    expect(streams[0]!.closed).toBe(true);
    expect(streams[1]!.request).toEqual({ environment: 'dev', services: [], follow: false, ...range });
    const error = { code: 'unavailable' as const, message: 'Cannot reach the engine: check the context' };
    streams[1]!.listener({ type: 'end', error });
    expect(store.getState().stream).toEqual({ status: 'failed', error });
  });

  it('tells React about arriving lines at most once a frame, while the buffer takes them at once', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    try {
      const store = createLogsStore();
      store.getState().open('dev');
      const versions: number[] = [];
      store.subscribe((state) => versions.push(state.version));
      send([line(), line()]);
      send([line()]);
      send([line()]);
      expect(store.getState().buffer.received).toBe(4);
      expect([versions, frames.length]).toEqual([[], 1]);
      frames.shift()!(0);
      send([line()]);
      frames.shift()!(0);
      expect(versions).toHaveLength(2);
      expect(shownCount(store.getState())).toBe(5);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('shows one JSON line in the detail panel, even after the buffer evicted it', () => {
    const store = createLogsStore(2);
    store.getState().open('dev');
    send([line({ json: true, text: '{"msg":"hello"}' }), line()]);
    const entry = store.getState().buffer.matchAt(0)!;
    store.getState().showDetail({ seq: entry.seq, line: entry.item });
    send([line(), line()]);
    expect(store.getState().buffer.matchAt(0)!.seq).toBe(2);
    const detail = store.getState().detail;
    expect([detail?.seq, detail?.line.text]).toEqual([0, '{"msg":"hello"}']);
    store.getState().showDetail(undefined);
    expect(store.getState().detail).toBeUndefined();
  });

  it('keeps the last notice of each service', () => {
    const store = createLogsStore();
    store.getState().open('dev');
    const notice = (message: string, severity: 'warning' | 'info') =>
      streams[0]!.listener({ type: 'event', event: { type: 'notice', service: 'web', severity, message } });
    notice('Reconnecting to web in 1 s: its log stream ended', 'warning');
    notice('Reconnected to web', 'info');
    expect(Object.values(store.getState().notices).map((n) => n.message)).toEqual(['Reconnected to web']);
  });
});
