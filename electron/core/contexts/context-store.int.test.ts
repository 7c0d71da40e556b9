import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { contextId, createContext, getContext, listContexts, removeContext, useContext } from './context-store';

const run = promisify(execFile);

const made: string[] = [];

/** A docker CLI config directory of the test's own: the real ~/.docker is never touched. */
async function configDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'clair-contexts-'));
  made.push(dir);
  return dir;
}

/** The environment the CLI and our store both see; DOCKER_HOST only when a test sets it. */
function cliEnv(dir: string, dockerHost?: string): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => name !== 'DOCKER_HOST' && name !== 'DOCKER_CONTEXT');
  return { ...Object.fromEntries(inherited), DOCKER_CONFIG: dir, ...(dockerHost ? { DOCKER_HOST: dockerHost } : {}) };
}

async function cli(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { env });
  return stdout.trim();
}

interface CliListed {
  Name: string;
  Description: string;
  DockerEndpoint: string;
  Current: boolean;
}

/** `docker context ls --format json`, without its Error column (empty for healthy contexts). */
async function cliList(env: NodeJS.ProcessEnv): Promise<CliListed[]> {
  const lines = (await cli(env, ['context', 'ls', '--format', 'json'])).split('\n');
  return lines.map((line) => {
    const { Name, Description, DockerEndpoint, Current } = JSON.parse(line) as CliListed;
    return { Name, Description, DockerEndpoint, Current };
  });
}

/** A CA certificate the CLI accepts as a context's TLS material. */
async function caCertificate(dir: string): Promise<string> {
  const [cert, key] = [join(dir, 'ca-source.pem'), join(dir, 'ca-source.key')];
  await run(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'].concat([
      '-subj',
      '/CN=clair-test-ca',
      '-days',
      '1',
      '-keyout',
      key,
      '-out',
      cert,
    ]),
  );
  return cert;
}

const asCliListsThem = (contexts: Awaited<ReturnType<typeof listContexts>>): CliListed[] =>
  contexts.map((c) => ({ Name: c.name, Description: c.description, DockerEndpoint: c.host, Current: c.current }));

describe('the docker CLI context store', () => {
  afterAll(async () => {
    await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('lists the contexts `docker context create` made, as `docker context ls` does', async () => {
    const dir = await configDir();
    const env = cliEnv(dir);
    const ca = await caCertificate(dir);
    await cli(env, [
      'context',
      'create',
      'prod',
      '--description',
      'the production swarm',
      '--docker',
      'host=ssh://deploy@10.0.0.5:2222',
    ]);
    await cli(env, ['context', 'create', 'lab', '--docker', `host=tcp://10.0.0.6:2376,ca=${ca}`]);
    await cli(env, ['context', 'use', 'prod']);

    const ours = await listContexts({ env });
    expect(asCliListsThem(ours)).toEqual(await cliList(env));
    expect(ours.map((c) => `${c.name} ${c.host}${c.current ? ' *' : ''}`)).toEqual([
      'default unix:///var/run/docker.sock',
      'lab tcp://10.0.0.6:2376',
      'prod ssh://deploy@10.0.0.5:2222 *',
    ]);
    expect((await getContext('lab', { env })).tls).toEqual({
      ca: join(dir, 'contexts/tls', contextId('lab'), 'docker/ca.pem'),
    });
    expect(await getContext('prod', { env })).toMatchObject({ description: 'the production swarm', tls: {} });
  });

  it('writes contexts byte for byte as `docker context create` does, so the CLI shows them as its own', async () => {
    const [cliDir, ourDir] = [await configDir(), await configDir()];
    const [cliSide, ourSide] = [cliEnv(cliDir), cliEnv(ourDir)];
    const metaOf = (dir: string, name: string) =>
      readFile(join(dir, 'contexts/meta', contextId(name), 'meta.json'), 'utf8');

    await cli(cliSide, [
      'context',
      'create',
      'staging',
      '--description',
      'staging swarm',
      '--docker',
      'host=ssh://root@127.0.0.1:52222',
    ]);
    await cli(cliSide, [
      'context',
      'create',
      'local-test',
      '--docker',
      'host=unix:///var/tmp/clair-env/docker/docker.sock',
    ]);
    await createContext(
      { name: 'staging', description: 'staging swarm', host: 'ssh://root@127.0.0.1:52222' },
      { env: ourSide },
    );
    await createContext({ name: 'local-test', host: 'unix:///var/tmp/clair-env/docker/docker.sock' }, { env: ourSide });

    for (const name of ['staging', 'local-test']) expect(await metaOf(ourDir, name)).toBe(await metaOf(cliDir, name));
    const inspected = JSON.parse(await cli(ourSide, ['context', 'inspect', 'staging'])) as [Record<string, unknown>];
    expect(inspected[0]).toMatchObject({
      Name: 'staging',
      Metadata: { Description: 'staging swarm' },
      Endpoints: { docker: { Host: 'ssh://root@127.0.0.1:52222', SkipTLSVerify: false } },
    });
    expect(await cliList(ourSide)).toEqual(await cliList(cliSide));
  });

  it('switches the current context both ways, keeping the rest of config.json', async () => {
    const dir = await configDir();
    const env = cliEnv(dir);
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({ auths: { 'registry.example.org': {} }, psFormat: 'table' }),
    );
    await createContext({ name: 'remote', host: 'ssh://root@127.0.0.1:52222' }, { env });

    await useContext('remote', { env });
    expect(await cli(env, ['context', 'show'])).toBe('remote');
    expect(JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'))).toEqual({
      auths: { 'registry.example.org': {} },
      psFormat: 'table',
      currentContext: 'remote',
    });

    await cli(env, ['context', 'use', 'default']);
    expect((await listContexts({ env })).find((c) => c.current)?.name).toBe('default');
    await useContext('remote', { env });
    await useContext('default', { env });
    expect(await cli(env, ['context', 'show'])).toBe('default');
    expect(JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'))).toEqual({
      auths: { 'registry.example.org': {} },
      psFormat: 'table',
    });
    await expect(useContext('nowhere', { env })).rejects.toThrow(/no Docker context "nowhere"/);
  });

  it('lets DOCKER_HOST rule, as the CLI does: the default context then points there and is current', async () => {
    const dir = await configDir();
    const env = cliEnv(dir, 'unix:///var/tmp/clair-env/docker/docker.sock');
    await createContext({ name: 'remote', host: 'ssh://root@127.0.0.1:52222' }, { env });
    await useContext('remote', { env });
    expect(asCliListsThem(await listContexts({ env }))).toEqual(await cliList(env));
    expect((await listContexts({ env }))[0]).toMatchObject({
      name: 'default',
      host: 'unix:///var/tmp/clair-env/docker/docker.sock',
      current: true,
    });
  });

  it('removes contexts the CLI made, refusing the one in use unless forced', async () => {
    const dir = await configDir();
    const env = cliEnv(dir);
    const ca = await caCertificate(dir);
    await cli(env, ['context', 'create', 'old', '--docker', `host=tcp://10.0.0.7:2376,ca=${ca}`]);
    await cli(env, ['context', 'create', 'older', '--docker', 'host=unix:///run/other.sock']);
    await cli(env, ['context', 'use', 'older']);

    await removeContext('old', { env });
    await expect(removeContext('older', { env })).rejects.toThrow(/"older" is in use/);
    await removeContext('older', { env, force: true });
    expect((await cliList(env)).map((c) => c.Name)).toEqual(['default']);
    expect(await readdir(join(dir, 'contexts/tls'))).toEqual([]);
    expect(await cli(env, ['context', 'show'])).toBe('default');
    await expect(removeContext('default', { env })).rejects.toThrow(/cannot be removed/);
  });

  it('refuses names and hosts the CLI would refuse, and duplicates', async () => {
    const env = cliEnv(await configDir());
    await expect(createContext({ name: 'default', host: 'unix:///x.sock' }, { env })).rejects.toThrow(/reserved/);
    await expect(createContext({ name: 'a b', host: 'unix:///x.sock' }, { env })).rejects.toThrow(/"a b" is invalid/);
    await expect(createContext({ name: 'web', host: 'ssh://u:pw@h' }, { env })).rejects.toThrow(/password/);
    await createContext({ name: 'web', host: 'unix:///x.sock' }, { env });
    await expect(createContext({ name: 'web', host: 'unix:///y.sock' }, { env })).rejects.toThrow(/already exists/);
  });

  it('lists a context whose meta.json is broken with the reason, and keeps listing the others', async () => {
    const dir = await configDir();
    const env = cliEnv(dir);
    await createContext({ name: 'fine', host: 'unix:///x.sock' }, { env });
    await createContext({ name: 'broken', host: 'unix:///y.sock' }, { env });
    const broken = join(dir, 'contexts/meta', contextId('broken'), 'meta.json');
    await writeFile(broken, '{"Name": ');
    const listed = await listContexts({ env });
    expect(listed.map((c) => c.name)).toContain('fine');
    expect(listed.find((c) => c.error)?.error).toContain(broken);
    await expect(getContext('broken', { env })).rejects.toThrow(/"broken" is unreadable/);
  });
});
