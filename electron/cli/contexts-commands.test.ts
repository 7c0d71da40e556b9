import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createContext } from '../core/contexts/context-store';
import { clairctl } from './clairctl-harness';

describe('clairctl contexts', () => {
  it("lists the docker CLI's contexts and makes one current, in the CLI's own config", async () => {
    const env = { DOCKER_CONFIG: await mkdtemp(join(tmpdir(), 'clairctl-docker-')) };
    await createContext(
      { name: 'staging', host: 'ssh://deploy@staging.example:22', description: 'the staging swarm' },
      { env },
    );

    const used = await clairctl(['contexts', 'use', 'staging'], { env });
    expect(used.code).toBe(0);
    expect(JSON.parse(await readFile(join(env.DOCKER_CONFIG, 'config.json'), 'utf8'))).toMatchObject({
      currentContext: 'staging',
    });

    const { code, out } = await clairctl(['contexts', 'ls'], { env });
    expect(code).toBe(0);
    expect(out.map((line) => line.split(/ {2,}/))).toEqual([
      ['NAME', 'DOCKER ENDPOINT', 'DESCRIPTION'],
      ['default', 'unix:///var/run/docker.sock', 'Current DOCKER_HOST based configuration'],
      ['staging *', 'ssh://deploy@staging.example:22', 'the staging swarm'],
    ]);
  });

  it('refuses a context that does not exist', async () => {
    const env = { DOCKER_CONFIG: await mkdtemp(join(tmpdir(), 'clairctl-docker-')) };
    const { code, err } = await clairctl(['contexts', 'use', 'nowhere'], { env });
    expect(code).toBe(1);
    expect(err).toEqual(['clairctl: There is no Docker context "nowhere" (docker context ls lists them)']);
  });
});
