import { mkdtemp, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../../tests/support/context';
import type { LogLine, LogsEvent, StreamMessage } from '../../contract';
import type { Core } from '../handlers';
import { Journal } from '../stack/journal/journal';
import { deploy } from '../stack/apply/deploy';
import { removeStack } from '../stack/remove/remove-stack';
import { testService } from '../stack/swarm/test-stack';
import { createTestCore } from '../test-core';

/** Prints a numbered line every 50 ms: JSON with levels on stdout, every third one as text on stderr. */
const printer = (name: string) => [
  'node',
  '-e',
  `let i = 0; setInterval(() => { i++;
    if (i % 3 === 0) console.error('ERROR ${name} ' + i);
    else console.log(JSON.stringify({ level: i % 2 ? 'info' : 'warn', msg: '${name} ' + i }));
  }, 50)`,
];

/** A relay in front of the engine's socket that the test can cut, as a dropped context would. */
async function cuttableRelay(socketPath: string): Promise<{ port: number; cut: () => void; close: () => void }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(socketPath);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cut = () => sockets.forEach((socket) => socket.destroy());
  return { port: (server.address() as { port: number }).port, cut, close: () => (cut(), server.close()) };
}

describe('following logs of a real stack', () => {
  const env = testEnvironment();
  const socketPath = env.DOCKER_HOST.replace(/^unix:\/\//, '');
  const docker = new Docker({ socketPath });
  const stack = `logh${Date.now().toString(36)}`;
  let core: Core;
  let relay: Awaited<ReturnType<typeof cuttableRelay>>;
  let relayedCore: Core;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'logh-'));
    await writeFile(join(dir, 'test.env'), `CLAIR_STACK_NAME=${stack}\nDOCKER_CONTEXT=default\n`);
    const model = {
      services: {
        api: testService({ image: 'clair/node-runtime:20', entrypoint: printer('api') }),
        web: testService({ image: 'clair/node-runtime:20', entrypoint: printer('web') }),
      },
      networks: {},
      volumes: {},
      secrets: {},
      configs: {},
    };
    const result = await deploy({ docker, stack, model, environment: 'test', journal: new Journal(join(dir, 'j')) });
    expect(result.converged).toMatchObject({ ok: true });
    core = createTestCore({ environmentsDir: dir, env: { DOCKER_HOST: env.DOCKER_HOST } });
    relay = await cuttableRelay(socketPath);
    relayedCore = createTestCore({ environmentsDir: dir, env: { DOCKER_HOST: `tcp://127.0.0.1:${relay.port}` } });
  });
  afterAll(async () => {
    relay?.close();
    await Promise.all([core?.dispose(), relayedCore?.dispose()]);
    await removeStack(docker, stack);
  });

  const open = (target: Core, request: object) => {
    const lines: LogLine[] = [];
    const notices: string[] = [];
    const ends: StreamMessage<unknown>[] = [];
    const close = target.dispatcher.open('clair:logs:follow', { environment: 'test', ...request }, (message) => {
      if (message.type === 'end') return ends.push(message);
      const event = message.event as LogsEvent;
      if (event.type === 'lines') lines.push(...event.lines);
      else notices.push(event.message);
    });
    return { lines, notices, ends, close };
  };
  const numbered = (lines: LogLine[], service: string) =>
    lines.filter((l) => l.service === service).map((l) => `${l.task} ${l.stream} ${l.text}`);

  it('lists the stack services', async () => {
    expect(await core.dispatcher.invoke('clair:logs:services', { environment: 'test' })).toEqual({
      ok: true,
      result: { stack, services: ['api', 'web'] },
    });
  });

  it('merges both services in time order, with streams and levels', async () => {
    const stream = open(core, { follow: true, tail: 5 });
    await expect.poll(() => new Set(stream.lines.map((l) => l.service)).size, { timeout: 20_000 }).toBe(2);
    await expect.poll(() => stream.lines.length, { timeout: 20_000 }).toBeGreaterThan(60);
    stream.close();
    const times = stream.lines.map((l) => l.time);
    expect(times).toEqual([...times].sort());
    const api = stream.lines.filter((l) => l.service === 'api');
    expect(api.find((l) => l.stream === 'stderr')).toMatchObject({ level: 'error', json: false });
    expect(api.find((l) => l.text.includes('"warn"'))).toMatchObject({ level: 'warn', json: true, stream: 'stdout' });
    expect(api[0]!.task).toMatch(/^[a-z0-9]{12}$/);
    expect(stream.ends).toEqual([{ type: 'end' }]);
  });

  it('without following, returns the last lines and ends', async () => {
    const stream = open(core, { services: ['web'], follow: false, tail: 3 });
    await expect.poll(() => stream.ends.length, { timeout: 20_000 }).toBe(1);
    expect(stream.ends[0]).toEqual({ type: 'end' });
    expect(stream.lines).toHaveLength(3);
    expect(stream.lines.every((l) => l.service === 'web')).toBe(true);
  });

  it('goes on through a forced restart of a service, without repeating lines', async () => {
    const stream = open(core, { services: ['web'], follow: true, tail: 1 });
    await expect.poll(() => stream.lines.length, { timeout: 20_000 }).toBeGreaterThan(5);
    const first = stream.lines[0]!.task;
    const service = docker.getService(`${stack}_web`);
    const spec = (await service.inspect()) as {
      Version: { Index: number };
      Spec: { TaskTemplate: { ForceUpdate?: number } };
    };
    spec.Spec.TaskTemplate.ForceUpdate = (spec.Spec.TaskTemplate.ForceUpdate ?? 0) + 1;
    await service.update({ version: spec.Version.Index, ...spec.Spec });
    await expect.poll(() => stream.lines.some((l) => l.task !== first), { timeout: 60_000 }).toBe(true);
    stream.close();
    const seen = numbered(stream.lines, 'web');
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('reconnects when the context drops mid-stream, says so, and repeats no line', async () => {
    const stream = open(relayedCore, { services: ['api'], follow: true, tail: 1 });
    await expect.poll(() => stream.lines.length, { timeout: 20_000 }).toBeGreaterThan(5);
    relay.cut();
    await expect.poll(() => stream.notices.join('\n'), { timeout: 30_000 }).toContain('Reconnected to api');
    expect(stream.notices[0]).toMatch(/^Reconnecting to api in 1 s: /);
    const before = stream.lines.length;
    await expect.poll(() => stream.lines.length, { timeout: 20_000 }).toBeGreaterThan(before + 5);
    stream.close();
    const seen = numbered(stream.lines, 'api');
    expect(new Set(seen).size).toBe(seen.length);
    // Nothing lost across the cut: the numbers of one task run on without a gap.
    const task = stream.lines.at(-1)!.task;
    const numbers = stream.lines.filter((l) => l.task === task).map((l) => Number(/api (\d+)/.exec(l.text)?.[1]));
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
    expect(stream.ends).toEqual([{ type: 'end' }]);
  });

  it('ends with an error in words for a service that does not exist', async () => {
    const stream = open(core, { services: ['nope'], follow: true });
    await expect.poll(() => stream.ends.length, { timeout: 20_000 }).toBe(1);
    expect(stream.ends[0]).toMatchObject({ type: 'end', error: { code: 'not-found', message: /nope/ } });
  });
});
