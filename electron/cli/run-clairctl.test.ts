import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { runClairctl } from './run-clairctl';

async function run(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runClairctl(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out, err };
}

describe('clairctl', () => {
  it('lists the environments of a project folder', async () => {
    const root = await mkdtemp(join(tmpdir(), 'clairctl-'));
    await mkdir(join(root, 'environments'));
    await writeFile(join(root, 'environments', 'dev.env'), '');
    await writeFile(join(root, 'environments', 'production.env.example'), '');
    const { code, out } = await run(['environments', '--root', root]);
    expect(code).toBe(0);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^dev\s+dev\.env\s+ready$/);
    expect(out[1]).toMatch(/^production\s+production\.env\.example\s+example$/);
  });

  it('says how to add one when there are none', async () => {
    const root = await mkdtemp(join(tmpdir(), 'clairctl-'));
    const { code, out } = await run(['environments', '--root', root]);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/add a NAME\.env file/);
  });

  it('refuses an unknown command with exit code 2 and the usage', async () => {
    const { code, err } = await run(['environments/dev.env', 'deploy-everything']);
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/unknown command "deploy-everything"[\s\S]*Usage: clairctl/);
  });

  it('reports an env file problem with file, line and column and exit code 2, before any engine is asked', async () => {
    const root = await mkdtemp(join(tmpdir(), 'clairctl-'));
    const file = join(root, 'dev.env');
    await writeFile(file, 'CLAIR_ENVIRONMENT_CLASS=development\nDOCKER CONTEXT=default\n');
    const { code, err } = await run([file, 'rm'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(code).toBe(2);
    expect(err).toEqual([`${file}:2:1: not a NAME=value assignment (dotenv would ignore this line)`]);
  });

  it('reports an unreachable context on the DOCKER_CONTEXT line, exit code 2', async () => {
    const root = await mkdtemp(join(tmpdir(), 'clairctl-'));
    const file = join(root, 'dev.env');
    await writeFile(file, 'CLAIR_ENVIRONMENT_CLASS=development\nDOCKER_CONTEXT=default\n');
    const { code, err } = await run([file, 'rm'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(code).toBe(2);
    expect(err.at(-1)).toBe(
      `${file}:2:1: DOCKER_CONTEXT "default": There is no Docker socket at /nonexistent/docker.sock: is Docker installed and running on this machine?`,
    );
  });

  it('reports a missing compose file before planning', async () => {
    const root = await mkdtemp(join(tmpdir(), 'clairctl-'));
    const file = join(root, 'dev.env');
    await writeFile(file, 'CLAIR_ENVIRONMENT_CLASS=development\n');
    const { code, err } = await run([file, '--root', root, 'plan'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain(join(root, 'stack-templates', 'docker-compose.yml'));
    expect(err.join('\n')).not.toContain('DOCKER_CONTEXT');
  });
});
