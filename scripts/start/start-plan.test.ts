import { execFile } from 'node:child_process';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const startScript = resolve(import.meta.dirname, '../start.sh');
const localEngine = 'unix:///var/tmp/elmh-env/docker/docker.sock';

/**
 * Runs `start.sh --plan` with fake `docker` and `id` commands first on PATH: `engines` lists the
 * DOCKER_HOST values whose engine answers, `uid` is who the script thinks it runs as.
 */
async function plan(options: { engines: string[]; uid: number; env?: NodeJS.ProcessEnv }): Promise<string> {
  const bin = await mkdtemp(join(tmpdir(), 'elmh-start-bin-'));
  const fake = async (name: string, body: string) => {
    await writeFile(join(bin, name), `#!/usr/bin/env bash\n${body}\n`);
    await chmod(join(bin, name), 0o755);
  };
  await fake(
    'docker',
    `case "$DOCKER_HOST" in ${options.engines.map((e) => `"${e}"`).join('|') || '"-"'}) exit 0;; esac; exit 1`,
  );
  await fake('id', `echo ${options.uid}`);
  const { stdout } = await promisify(execFile)('bash', [startScript, '--plan'], {
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      CLAIR_ENV_DIR: '/var/tmp/elmh-env',
      DOCKER_HOST: '',
      DISPLAY: '',
      WAYLAND_DISPLAY: '',
      CLAIR_ELECTRON: '',
      CLAIR_DEFAULT_SOCKET: join(bin, 'docker.sock'),
      ...options.env,
    },
  });
  return stdout;
}

// Each run starts tsx for the secrets step; on a busy machine that takes seconds, hence the limit.
describe('start.sh --plan', { timeout: 120_000 }, () => {
  it('uses a running Docker Engine as it is', async () => {
    const out = await plan({ engines: ['unix:///var/run/docker.sock'], uid: 0 });
    expect(out).toContain('Docker Engine: using unix:///var/run/docker.sock as it is.');
    expect(out).not.toContain('Docker socket:');
    const own = await plan({ engines: ['tcp://10.0.0.5:2375'], uid: 0, env: { DOCKER_HOST: 'tcp://10.0.0.5:2375' } });
    expect(own).toContain('using tcp://10.0.0.5:2375 as it is');
  });

  it("falls back to the test environment's local engine when it runs, and starts it as root when not", async () => {
    const local = await plan({ engines: [localEngine], uid: 0 });
    expect(local).toContain(`using the test environment's local engine at ${localEngine}`);
    // The dev secrets step runs in the plan too, naming files (never values).
    expect(local).toMatch(/would create the dev secret stack-templates\/secrets\/db_password|the dev secrets exist/);
    // The dev stack's proxy mounts the default socket path; it is linked to the local engine.
    expect(local).toMatch(/Docker socket: linking \S+docker\.sock to \/var\/tmp\/elmh-env\/docker\/docker\.sock/);
    expect(local).toContain('Images: building what the dev environment needs');
    expect(await plan({ engines: [], uid: 0 })).toContain(
      `starting the test environment's local engine (swarm on 127.0.0.1, offline images) at ${localEngine}`,
    );
    expect(await plan({ engines: [], uid: 1000 })).toContain("run 'sudo scripts/env/up.sh docker images'");
  });

  it('opens the Electron window only where the binary and a display exist, else browser mode', async () => {
    const electron = join(await mkdtemp(join(tmpdir(), 'elmh-electron-')), 'electron');
    await writeFile(electron, '');
    await chmod(electron, 0o755);
    const engines = [localEngine];
    expect(await plan({ engines, uid: 0, env: { CLAIR_ELECTRON: electron, DISPLAY: ':0' } })).toContain(
      `Shell: the Electron window (${electron})`,
    );
    expect(await plan({ engines, uid: 0, env: { CLAIR_ELECTRON: electron } })).toContain('Shell: browser mode');
    expect(await plan({ engines, uid: 0, env: { DISPLAY: ':0' } })).toContain('Shell: browser mode');
  });
});
