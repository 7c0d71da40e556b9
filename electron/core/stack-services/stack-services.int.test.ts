import { readFile, stat } from 'node:fs/promises';

import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../../tests/support/context';
import type { ServicesEvent, StackService, StorageList, StreamMessage } from '../../contract';
import type { Core } from '../handlers';
import { createTestCore } from '../test-core';
import { createServicesFixture, type ServicesFixture } from './services-fixture';

/** The Services and Volumes & secrets screens' calls through a core, on the real swarm. */
describe('services and storage on the real swarm', () => {
  const env = testEnvironment();
  const docker = new Docker({ socketPath: env.DOCKER_HOST.replace(/^unix:\/\//, '') });
  let fixture: ServicesFixture;
  let core: Core;
  const events: ServicesEvent[] = [];
  let waiters: { match: (event: ServicesEvent) => boolean; resolve: (event: ServicesEvent) => void }[] = [];
  let ended: StreamMessage<unknown> | undefined;
  let unsubscribe = () => undefined as void;

  /** The first watch event from now on that matches; there is no polling anywhere to wait for. */
  const next = (match: (event: ServicesEvent) => boolean) =>
    new Promise<ServicesEvent>((resolve) => waiters.push({ match, resolve }));
  const cacheIn = (event: ServicesEvent): StackService | undefined =>
    event.type === 'service'
      ? event.service.name === `${fixture.stack}_cache`
        ? event.service
        : undefined
      : event.type === 'snapshot'
        ? event.services.find((service) => service.name === `${fixture.stack}_cache`)
        : undefined;
  const invoke = async <T>(channel: string, payload: unknown): Promise<T> => {
    const reply = await core.dispatcher.invoke(`clair:${channel}`, payload);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
    return reply.result as T;
  };
  const list = () => invoke<StorageList>('storage:list', { environment: fixture.environment });

  beforeAll(async () => {
    fixture = await createServicesFixture();
    core = createTestCore({ root: fixture.root, environmentsDir: fixture.environmentsDir });
  });
  afterAll(async () => {
    unsubscribe();
    await fixture.cleanUp(docker);
    await core.dispose();
  });

  it('lists the declared volume as missing, then creates it', async () => {
    const before = await list();
    expect(before.volumes).toEqual([
      {
        key: 'data',
        name: `${fixture.stack}_data`,
        status: 'missing',
        usedBy: [`${fixture.stack}_cache`],
        external: true,
      },
    ]);
    expect(before.secrets).toEqual([
      expect.objectContaining({
        key: 'db_password',
        status: 'missing',
        rotatable: true,
        databasePassword: true,
        file: fixture.secretFile,
      }),
    ]);
    expect(await invoke('storage:create-volumes', { environment: fixture.environment })).toEqual({
      created: [`${fixture.stack}_data`],
    });
    expect((await list()).volumes[0]).toMatchObject({ status: 'exists', createdAt: expect.any(String) });
  });

  it('watches the deployed stack: a snapshot, then a scale shows 2/2 from events', async () => {
    await fixture.deploy(core);
    unsubscribe = core.dispatcher.open('clair:services:watch', { environment: fixture.environment }, (message) => {
      if (message.type === 'end') {
        ended = message;
        return;
      }
      const event = message.event as ServicesEvent;
      events.push(event);
      const matched = waiters.filter((waiter) => waiter.match(event));
      waiters = waiters.filter((waiter) => !matched.includes(waiter));
      for (const waiter of matched) waiter.resolve(event);
    });
    const snapshot = await next((event) => event.type === 'snapshot');
    const cache = cacheIn(snapshot);
    expect(cache).toMatchObject({ image: 'clair/redis:7', mode: 'replicated', replicas: { running: 1, desired: 1 } });
    expect(snapshot.type === 'snapshot' && snapshot.nodes[0]).toMatchObject({ role: 'manager', state: 'ready' });
    expect(cache?.tasks[0]).toMatchObject({ state: 'running', node: expect.any(String) });

    const scaled = next((event) => cacheIn(event)?.replicas.running === 2 && cacheIn(event)?.replicas.desired === 2);
    expect(
      await invoke('services:scale', {
        environment: fixture.environment,
        service: `${fixture.stack}_cache`,
        replicas: 2,
      }),
    ).toEqual({
      service: `${fixture.stack}_cache`,
      replicas: 2,
    });
    expect(cacheIn(await scaled)?.tasks.filter((task) => task.state === 'running')).toHaveLength(2);
  });

  it('restarts the service: new tasks replace the old ones', async () => {
    const before = cacheIn([...events].reverse().find((event) => cacheIn(event))!)!;
    const oldIds = before.tasks.filter((task) => task.state === 'running').map((task) => task.id);
    const restarted = next((event) => {
      const running = cacheIn(event)?.tasks.filter(
        (task) => task.state === 'running' && task.desiredState === 'running',
      );
      return running?.length === 2 && running.every((task) => !oldIds.includes(task.id));
    });
    await invoke('services:restart', { environment: fixture.environment, service: `${fixture.stack}_cache` });
    expect(cacheIn(await restarted)?.restarts).toBeGreaterThanOrEqual(2);
  });

  it('shows the spec with secret-like values masked', async () => {
    const spec = await invoke<{ text: string }>('services:inspect', {
      environment: fixture.environment,
      service: `${fixture.stack}_cache`,
    });
    expect(spec.text).toContain('CACHE_PASSWORD=<masked>');
    expect(spec.text).toContain('ROLE=cache');
    expect(spec.text).not.toContain(fixture.password);
    await expect(
      invoke('services:inspect', { environment: fixture.environment, service: 'svchnope_cache' }),
    ).rejects.toThrow(/svchnope_cache.*Refresh the screen/);
  });

  it('rotates the secret: file, new content-hashed secret, the service switched to it', async () => {
    const old = (await list()).secrets.find((secret) => secret.key === 'db_password')!;
    expect(old).toMatchObject({ status: 'exists', usedBy: [`${fixture.stack}_cache`] });
    const updated = next((event) => cacheIn(event) !== undefined && event.type === 'service');
    const result = await invoke<{ name: string; updatedServices: string[] }>('storage:rotate-secret', {
      environment: fixture.environment,
      secret: 'db_password',
      value: 'second password',
    });
    expect(JSON.stringify(result)).not.toContain('second password');
    expect(result.name).toMatch(new RegExp(`^${fixture.stack}_db_password_[0-9a-f]{12}$`));
    expect(result.name).not.toBe(old.name);
    expect(result.updatedServices).toEqual([`${fixture.stack}_cache`]);
    expect(await readFile(fixture.secretFile, 'utf8')).toBe('second password');
    expect((await stat(fixture.secretFile)).mode & 0o777).toBe(0o600);

    const after = await list();
    expect(after.secrets.find((secret) => secret.name === result.name)).toMatchObject({
      status: 'exists',
      usedBy: [`${fixture.stack}_cache`],
    });
    const spec = (await docker.getService(`${fixture.stack}_cache`).inspect()) as {
      Spec: { TaskTemplate: { ContainerSpec: { Secrets: { SecretName: string }[] } } };
    };
    expect(spec.Spec.TaskTemplate.ContainerSpec.Secrets.map((secret) => secret.SecretName)).toEqual([result.name]);
    await updated;
  });

  it('ends the stream when the subscriber leaves', () => {
    unsubscribe();
    expect(ended).toEqual({ type: 'end' });
  });
});
