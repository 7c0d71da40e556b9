// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { StreamListener, UplinkRow, UplinkSources, UplinksEvent } from '../../../electron/contract';

const streams: { request: unknown; listener: StreamListener<UplinksEvent>; closed: boolean }[] = [];
const saves: unknown[] = [];
let sources: UplinkSources;
vi.mock('../api/clair', () => ({
  clair: {
    uplinks: {
      sources: () => Promise.resolve(sources),
      watch: (request: unknown, listener: StreamListener<UplinksEvent>) => {
        const stream = { request, listener, closed: false };
        streams.push(stream);
        return () => {
          stream.closed = true;
        };
      },
      raw: ({ seq }: { seq: number }) => Promise.resolve({ seq, topic: 't', text: `{"seq":${seq}}`, truncated: false }),
      save: (request: { seqs: number[] }) => {
        saves.push(request);
        return Promise.resolve({ path: '/home/u/Downloads/x.jsonl', count: request.seqs.length, skipped: [] });
      },
    },
  },
}));

const { createUplinksStore, shownCount } = await import('./uplinks-store');

let seq = 0;
const row = (overrides: Partial<UplinkRow> = {}): UplinkRow => ({
  seq: seq++,
  application: 'clairchen',
  deviceId: 'eui-a',
  receivedAt: new Date(Date.UTC(2026, 10, 29, 9, 0, seq)).toISOString(),
  fPort: 1,
  fCnt: seq,
  gateways: 1,
  status: 'decoded',
  samples: [],
  bytes: 100,
  ...overrides,
});
const send = (event: UplinksEvent) => streams.at(-1)!.listener({ type: 'event', event });
const shownSeqs = (store: ReturnType<typeof createUplinksStore>) =>
  Array.from({ length: shownCount(store.getState()) }, (_, i) => store.getState().buffer.matchAt(i)!.item.seq);

async function watching(capacity?: number) {
  const store = createUplinksStore(capacity);
  store.getState().open('dev');
  await vi.waitFor(() => expect(streams).toHaveLength(1));
  send({ type: 'session', session: 's1' });
  return store;
}

beforeEach(() => {
  streams.length = 0;
  saves.length = 0;
  seq = 0;
  sources = {
    tenant: 'ttn',
    applications: [{ application: 'clairchen', applicationId: 'clairchen-dev' }],
    sources: [
      {
        kind: 'ttn',
        url: 'mqtts://eu1.cloud.thethings.network:8883',
        problems: ['CLAIRCHEN_TTN_API_KEY_FILE: missing'],
      },
      { kind: 'dev-broker', url: 'mqtt://127.0.0.1:1883', problems: [] },
    ],
  };
});

describe('the uplinks store', () => {
  it('watches the first usable source and keeps only the last rows', async () => {
    const store = await watching(4);
    expect(streams[0]!.request).toEqual({ environment: 'dev', source: 'dev-broker' });
    send({ type: 'uplinks', rows: [row(), row(), row()] });
    send({ type: 'uplinks', rows: [row(), row(), row()] });
    expect([store.getState().buffer.received, store.getState().buffer.kept]).toEqual([6, 4]);
    expect(shownSeqs(store)).toEqual([2, 3, 4, 5]);
    send({ type: 'connection', application: 'clairchen', applicationId: 'clairchen-dev', state: 'refused' });
    expect(store.getState().connections.clairchen?.state).toBe('refused');
  });

  it('filters by device, port, problems and time, on arrival and on change', async () => {
    const store = await watching();
    send({
      type: 'uplinks',
      rows: [
        row(),
        row({ deviceId: 'eui-b', fPort: 5 }),
        row({ status: 'decode_error', error: 'bad' }),
        row({ deviceId: 'eui-b', status: 'bad_uplink' }),
      ],
    });
    store.getState().setFilter({ deviceId: 'eui-b' });
    expect(shownSeqs(store)).toEqual([1, 3]);
    store.getState().setFilter({ deviceId: undefined, fPort: 1 });
    expect(shownSeqs(store)).toEqual([0, 2, 3]);
    store.getState().setFilter({ fPort: undefined, problemsOnly: true });
    expect(shownSeqs(store)).toEqual([2, 3]);
    send({ type: 'uplinks', rows: [row(), row({ status: 'no_payload' })] });
    expect(shownSeqs(store)).toEqual([2, 3, 5]);
    store.getState().setFilter({
      problemsOnly: false,
      sinceMs: Date.UTC(2026, 10, 29, 9, 0, 2),
      untilMs: Date.UTC(2026, 10, 29, 9, 0, 4),
    });
    expect(shownSeqs(store)).toEqual([1, 2, 3]);
    expect([...store.getState().buffer.devices].sort()).toEqual(['eui-a', 'eui-b']);
    expect([...store.getState().buffer.ports].sort()).toEqual([1, 5]);
  });

  it('pauses the view while rows keep arriving, and saves what is shown', async () => {
    const store = await watching();
    send({ type: 'uplinks', rows: [row(), row({ deviceId: 'eui-b' }), row()] });
    store.getState().setPaused(true);
    send({ type: 'uplinks', rows: [row(), row()] });
    const state = store.getState();
    expect(shownCount(state)).toBe(3);
    expect(state.buffer.received - state.pausedAt!).toBe(2);

    store.getState().setFilter({ deviceId: 'eui-a' });
    await store.getState().save('capture', 'x.jsonl');
    expect(saves).toEqual([{ environment: 'dev', session: 's1', seqs: [0, 2], format: 'capture', file: 'x.jsonl' }]);
    expect(store.getState().saving).toEqual({
      status: 'ready',
      data: { path: '/home/u/Downloads/x.jsonl', count: 2, skipped: [] },
    });

    store.getState().setPaused(false);
    expect(shownSeqs(store)).toEqual([0, 2, 3, 4]);
  });

  it('fetches the raw message of the chosen row from its session', async () => {
    const store = await watching();
    const chosen = row();
    send({ type: 'uplinks', rows: [chosen] });
    store.getState().showDetail(chosen);
    expect(store.getState().raw.status).toBe('loading');
    await vi.waitFor(() =>
      expect(store.getState().raw).toMatchObject({ status: 'ready', data: { text: '{"seq":0}' } }),
    );
  });

  it('starts nothing when no source is usable, and says why through the sources', async () => {
    sources = { ...sources, sources: [sources.sources[0]!] };
    const store = createUplinksStore();
    store.getState().open('prod');
    await vi.waitFor(() => expect(store.getState().sources.status).toBe('ready'));
    expect(streams).toHaveLength(0);
    expect(store.getState().stream.status).toBe('idle');
  });
});
