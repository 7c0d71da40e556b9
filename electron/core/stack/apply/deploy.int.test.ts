import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { docker as dockerCli, freePort } from '../../../../tests/support/docker-cli';
import { testEnvironment } from '../../../../tests/support/context';
import { Journal } from '../journal/journal';
import { rollbackTo } from '../journal/rollback-to';
import { plan } from '../plan/plan';
import { Plan } from '../plan/plan-schema';
import { removeStack } from '../remove/remove-stack';
import type { StackModel } from '../stack-model';
import { readLiveStack } from '../swarm/live-stack';
import { engStackName, removeTestVolumes, testStack, type TestStackFiles } from '../swarm/test-stack';
import { apply } from './apply';
import { deploy } from './deploy';

/** One stack through its life on the real swarm; each step builds on the state the one before left. */
describe('deploying a stack with the engine', () => {
  const env = testEnvironment();
  const docker = new Docker({ socketPath: env.DOCKER_HOST.replace(/^unix:\/\//, '') });
  const stack = engStackName('life');
  let files: TestStackFiles;
  let journal: Journal;
  let model: StackModel;
  const run = (next: StackModel) =>
    deploy({ docker, stack, model: next, environment: 'test', journal, timeoutMs: 90_000 });
  const service = async (key: string) => {
    const live = (await readLiveStack(docker, stack)).services.find((s) => s.name === `${stack}_${key}`);
    if (!live) throw new Error(`${key} is not deployed`);
    return live;
  };
  const withImage = (base: StackModel, key: string, image: string): StackModel => {
    const next = structuredClone(base);
    const changed = next.services[key];
    if (changed) changed.image = image;
    return next;
  };

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eng-life-'));
    files = { secretFile: join(dir, 'token'), configFile: join(dir, 'site.txt'), webPort: await freePort() };
    await writeFile(files.secretFile, 'first token');
    await writeFile(files.configFile, 'site');
    journal = new Journal(join(dir, 'journal'));
    model = testStack(files);
  });
  afterAll(async () => {
    await removeStack(docker, stack);
    await removeTestVolumes(docker, stack);
  });

  it('plans the whole stack, then converges healthy', async () => {
    const first = await plan(model, stack, docker);
    expect(Plan.parse(first)).toEqual(first);
    expect(first.services.map((s) => [s.key, s.action])).toEqual([
      ['cache', 'create'],
      ['web', 'create'],
    ]);
    expect(first.networks).toEqual([{ name: `${stack}_back`, action: 'create', by: 'apply' }]);
    expect(first.volumes).toEqual([{ name: `${stack}_data`, action: 'create', by: 'swarm' }]);
    expect(JSON.stringify(first)).not.toContain('first token');

    const events: string[] = [];
    const result = await deploy({
      docker,
      stack,
      model,
      environment: 'test',
      journal,
      plan: first,
      onConvergeEvent: (event) => events.push(event.type),
    });
    expect(result.converged).toMatchObject({ ok: true });
    expect(result.applied.changedServices).toEqual([`${stack}_cache`, `${stack}_web`]);
    expect(events).toContain('progress');
    expect(result.entry).toMatchObject({ revision: 1, result: 'converged', environment: 'test' });
    expect(result.entry.images.cache?.id).toMatch(/^sha256:/);
    // The docker CLI sees the stack as one of its own.
    expect(await dockerCli(env.DOCKER_HOST, ['stack', 'ls', '--format', '{{.Name}}'])).toContain(stack);
    const tasks = await dockerCli(env.DOCKER_HOST, ['stack', 'ps', '--format', '{{.CurrentState}}', stack]);
    expect(tasks.split('\n').every((state) => state.startsWith('Running'))).toBe(true);
  });

  it('touches no service when nothing changed', async () => {
    const versions = [(await service('cache')).version, (await service('web')).version];
    const result = await run(model);
    expect(result.plan.noChanges).toBe(true);
    expect(result.applied.changedServices).toEqual([]);
    expect(result.entry.result).toBe('no-changes');
    expect([(await service('cache')).version, (await service('web')).version]).toEqual(versions);
  });

  it('rolls an image change, and an apply stopped after the first service is completed by the next', async () => {
    const next = withImage(model, 'cache', 'clair/redis:e05c9d70f5cf');
    const web = next.services.web;
    if (web) web.environment = { GREETING: 'bonjour' };
    const changes = await plan(next, stack, docker);
    const cache = changes.services.find((s) => s.key === 'cache');
    expect(cache).toMatchObject({ action: 'update', restarts: true });
    expect(cache?.changes).toContainEqual({
      field: 'image',
      before: 'clair/redis:7',
      after: 'clair/redis:e05c9d70f5cf',
    });

    const stop = new AbortController();
    const applying = apply(changes, {
      docker,
      model: next,
      signal: stop.signal,
      onEvent: (event) => event.kind === 'service' && stop.abort(),
    });
    await expect(applying).rejects.toThrow();
    const rest = await plan(next, stack, docker);
    expect(rest.services.map((s) => [s.key, s.action])).toEqual([
      ['cache', 'unchanged'],
      ['web', 'update'],
    ]);
    expect(rest.services[1]?.changes).toEqual([
      { field: 'env', before: ['GREETING=hello'], after: ['GREETING=bonjour'] },
    ]);
    const result = await run(next);
    expect(result.converged).toMatchObject({ ok: true });
    expect((await service('cache')).spec.TaskTemplate.ContainerSpec.Image).toBe('clair/redis:e05c9d70f5cf');
    model = next;
  });

  it('rotates a secret under a new content-hashed name and removes the old one', async () => {
    const before = (await service('cache')).spec.TaskTemplate.ContainerSpec.Secrets?.[0]?.SecretName;
    await writeFile(files.secretFile, 'second token');
    const result = await run(model);
    const after = (await service('cache')).spec.TaskTemplate.ContainerSpec.Secrets?.[0]?.SecretName;
    expect(after).toMatch(new RegExp(`^${stack}_token_[0-9a-f]{12}$`));
    expect(after).not.toBe(before);
    expect(result.plan.secrets).toEqual([
      { name: after, action: 'create', by: 'apply' },
      { name: before, action: 'remove', by: 'apply' },
    ]);
    expect(JSON.stringify(result.plan)).not.toContain('second token');
    expect(result.pruned?.secrets).toEqual([before]);
    expect((await readLiveStack(docker, stack)).secrets.map((s) => s.name)).toEqual([after]);
  });

  it('fails a broken image with its reason and rolls the service back', async () => {
    const result = await run(withImage(model, 'cache', 'clair/nope:1'));
    expect(result.converged).toMatchObject({ ok: false, services: [{ service: `${stack}_cache`, rolledBack: true }] });
    expect(result.converged.services[0]?.reason).toContain('no such image');
    expect(result.entry.result).toBe('failed');
    expect((await service('cache')).spec.TaskTemplate.ContainerSpec.Image).toBe('clair/redis:e05c9d70f5cf');
  });

  it('keeps every deploy in the journal and rolls the stack back to the first revision', async () => {
    const history = await journal.history(stack);
    expect(history.map((entry) => [entry.revision, entry.result])).toEqual([
      [1, 'converged'],
      [2, 'no-changes'],
      [3, 'converged'],
      [4, 'converged'],
      [5, 'failed'],
    ]);
    const result = await rollbackTo(1, { docker, stack, environment: 'test', journal, timeoutMs: 90_000 });
    expect(result.converged).toMatchObject({ ok: true });
    expect(result.entry.revision).toBe(6);
    expect((await service('cache')).spec.TaskTemplate.ContainerSpec.Image).toBe('clair/redis:7');
    expect((await service('web')).spec.TaskTemplate.ContainerSpec.Env).toEqual(['GREETING=hello']);
  });

  it('removes the stack and waits until it is gone, keeping its volume', async () => {
    const removed = await removeStack(docker, stack);
    expect(removed.services).toEqual([`${stack}_cache`, `${stack}_web`]);
    expect(removed.networks).toEqual([`${stack}_back`]);
    expect(removed.keptVolumes).toEqual([`${stack}_data`]);
    const live = await readLiveStack(docker, stack);
    expect([live.services, live.networks, live.secrets, live.configs]).toEqual([[], [], [], []]);
  });
});
