import { PassThrough } from 'node:stream';

import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';

import type { ServicesEvent } from '../../contract';
import { watchServices } from './watch-services';

/** An engine with one service whose replica count the test changes, and an events stream it controls. */
function fakeEngine() {
  const engine = {
    replicas: 1,
    listServiceCalls: 0,
    streams: [] as PassThrough[],
    connects: 0,
    refuse: false,
  };
  const docker = {
    getEvents: async () => {
      const stream = new PassThrough();
      engine.streams.push(stream);
      return stream;
    },
    listServices: async () => {
      engine.listServiceCalls++;
      return [
        {
          ID: 's1',
          UpdatedAt: 'now',
          Spec: {
            Name: 'st_web',
            Labels: { 'com.docker.stack.namespace': 'st' },
            TaskTemplate: { ContainerSpec: { Image: 'web' } },
            Mode: { Replicated: { Replicas: engine.replicas } },
          },
        },
      ];
    },
    listTasks: async () =>
      Array.from({ length: engine.replicas }, (_, index) => ({
        ID: `t${index}`,
        ServiceID: 's1',
        Slot: index + 1,
        DesiredState: 'running',
        UpdatedAt: 'now',
        Status: { State: 'running' },
      })),
    listNodes: async () => [
      { ID: 'n1', Description: { Hostname: 'node-1' }, Spec: { Role: 'manager' }, Status: { State: 'ready' } },
    ],
    listContainers: async () => [],
  } as unknown as Docker;
  const connect = async () => {
    engine.connects++;
    if (engine.refuse) throw new Error('connection refused');
    return docker;
  };
  return { engine, connect };
}

function collector() {
  const events: ServicesEvent[] = [];
  let waiters: { match: (event: ServicesEvent) => boolean; resolve: () => void }[] = [];
  return {
    events,
    emit: (event: ServicesEvent) => {
      events.push(event);
      const matched = waiters.filter((waiter) => waiter.match(event));
      waiters = waiters.filter((waiter) => !matched.includes(waiter));
      for (const waiter of matched) waiter.resolve();
    },
    next: (match: (event: ServicesEvent) => boolean) =>
      new Promise<void>((resolve) => waiters.push({ match, resolve })),
  };
}

const serviceEvent = (id: string) => `${JSON.stringify({ Type: 'service', Action: 'update', Actor: { ID: id } })}\n`;

describe('watchServices', () => {
  it('sends a snapshot, then re-reads once for a burst of events split across chunks', async () => {
    const { engine, connect } = fakeEngine();
    const { events, emit, next } = collector();
    const stop = new AbortController();
    const snapshot = next((event) => event.type === 'snapshot');
    const watching = watchServices({ stack: 'st', connect, emit, signal: stop.signal, debounceMs: 20 });
    await snapshot;
    expect(events[0]).toMatchObject({
      type: 'snapshot',
      services: [{ name: 'st_web', replicas: { running: 1, desired: 1 } }],
    });
    const callsAfterSnapshot = engine.listServiceCalls;

    engine.replicas = 2;
    const scaled = next((event) => event.type === 'service');
    const burst = Array.from({ length: 10 }, () => serviceEvent('s1')).join('');
    engine.streams[0]!.write(burst.slice(0, 25));
    engine.streams[0]!.write(burst.slice(25));
    await scaled;
    expect(events.at(-1)).toMatchObject({ type: 'service', service: { replicas: { running: 2, desired: 2 } } });
    expect(engine.listServiceCalls - callsAfterSnapshot).toBe(1);

    stop.abort();
    await watching;
    expect(engine.streams[0]!.destroyed).toBe(true);
  });

  it('says it is reconnecting when the stream breaks, keeps trying, then re-snapshots and says so', async () => {
    const { engine, connect } = fakeEngine();
    const { events, emit, next } = collector();
    const stop = new AbortController();
    const first = next((event) => event.type === 'snapshot');
    const watching = watchServices({ stack: 'st', connect, emit, signal: stop.signal, retryDelaysMs: [1, 1] });
    await first;

    engine.refuse = true;
    const stillDown = next((event) => event.type === 'connection' && /connection refused/.test(event.reason ?? ''));
    engine.streams[0]!.destroy(new Error('socket hang up'));
    await stillDown;
    engine.refuse = false;
    engine.replicas = 3;
    const back = next((event) => event.type === 'connection' && event.state === 'connected');
    await back;

    const types = events.map((event) => (event.type === 'connection' ? `${event.type}:${event.state}` : event.type));
    expect(types[0]).toBe('snapshot');
    expect(types[1]).toBe('connection:reconnecting');
    expect(events[1]).toMatchObject({ reason: expect.stringMatching(/socket hang up.*Environments screen/) });
    expect(types.slice(-2)).toEqual(['snapshot', 'connection:connected']);
    expect(events.at(-2)).toMatchObject({ services: [{ replicas: { desired: 3 } }] });

    stop.abort();
    await watching;
  });

  it('fails with the reason when the engine cannot be reached at all', async () => {
    const { engine, connect } = fakeEngine();
    engine.refuse = true;
    await expect(
      watchServices({ stack: 'st', connect, emit: () => undefined, signal: new AbortController().signal }),
    ).rejects.toThrow('connection refused');
  });
});
