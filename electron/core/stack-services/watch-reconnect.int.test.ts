import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../../tests/support/context';
import type { ServicesEvent } from '../../contract';
import type { Core } from '../handlers';
import { createTestCore } from '../test-core';
import { createServicesFixture } from './services-fixture';

/** A unix socket in front of the test engine that the test can cut and restore, as a dropped context would. */
class EngineRelay {
  readonly #connections = new Set<Socket>();
  #server: Server | undefined;

  constructor(
    readonly path: string,
    private readonly engine: string,
  ) {}

  async open(): Promise<void> {
    this.#server = createServer((client) => {
      const upstream = createConnection(this.engine);
      for (const socket of [client, upstream]) {
        this.#connections.add(socket);
        socket.on('close', () => this.#connections.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    this.#server.listen(this.path);
    await once(this.#server, 'listening');
  }

  async cut(): Promise<void> {
    const closed = new Promise((resolve) => this.#server?.close(resolve));
    for (const socket of this.#connections) socket.destroy();
    await closed;
  }
}

describe('services:watch when the context drops', () => {
  const env = testEnvironment();
  let relay: EngineRelay;
  let core: Core;
  let dir: string;

  beforeAll(async () => {
    const fixture = await createServicesFixture();
    dir = await mkdtemp(join(tmpdir(), 'svch-relay-'));
    relay = new EngineRelay(join(dir, 'docker.sock'), env.DOCKER_HOST.replace(/^unix:\/\//, ''));
    await relay.open();
    core = createTestCore({
      root: fixture.root,
      environmentsDir: fixture.environmentsDir,
      env: { DOCKER_HOST: `unix://${relay.path}` },
    });
  });
  afterAll(async () => {
    await relay.cut();
    await core.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('says it is reconnecting with the reason, keeps trying, and comes back with a fresh snapshot', async () => {
    const events: ServicesEvent[] = [];
    let waiter: { match: (event: ServicesEvent) => boolean; resolve: () => void } | undefined;
    const next = (match: (event: ServicesEvent) => boolean) =>
      new Promise<void>((resolve) => (waiter = { match, resolve }));
    const snapshot = next((event) => event.type === 'snapshot');
    const unsubscribe = core.dispatcher.open('clair:services:watch', { environment: 'svch' }, (message) => {
      if (message.type !== 'event') return;
      const event = message.event as ServicesEvent;
      events.push(event);
      if (waiter?.match(event)) waiter.resolve();
    });
    await snapshot;

    // Two reconnecting notices: the drop itself, then a failed attempt while the engine is unreachable.
    let notices = 0;
    const stillDown = next((event) => event.type === 'connection' && event.state === 'reconnecting' && ++notices === 2);
    await relay.cut();
    await stillDown;
    const back = next((event) => event.type === 'connection' && event.state === 'connected');
    await relay.open();
    await back;
    unsubscribe();

    const kinds = events.map((event) => (event.type === 'connection' ? event.state : event.type));
    expect(kinds[0]).toBe('snapshot');
    expect(kinds[1]).toBe('reconnecting');
    expect(kinds.slice(-2)).toEqual(['snapshot', 'connected']);
    const reasons = events.flatMap((event) => (event.type === 'connection' && event.reason ? [event.reason] : []));
    expect(reasons[0]).toMatch(/^Lost the docker engine \(.+\); trying again in 1 s\. .*Environments screen/);
    expect(reasons[1]).toMatch(/trying again in 2 s/);
  });
});
