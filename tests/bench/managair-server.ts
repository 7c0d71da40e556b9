import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from '../support/docker-cli';

const root = resolve(import.meta.dirname, '../..');

export interface ManagairServer {
  url: string;
  stop: () => Promise<void>;
}

/**
 * `managair serve --mode <mode>` in a process of its own, as in the stack, so that the
 * benchmark's client work does not count against the server. Resolves once /health answers 200.
 */
export async function startManagair(mode: 'api' | 'ingest', env: Record<string, string>): Promise<ManagairServer> {
  const port = await freePort();
  // An explicit environment: the caller's may hold *_FILE variables that are no secrets of ours.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'services/managair/main.ts', 'serve', '--mode', mode],
    {
      cwd: root,
      env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`managair ${mode} exited with ${child.exitCode}: ${errors}`);
    if ((await fetch(`${url}/health`).catch(() => undefined))?.status === 200) return { url, stop };
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`managair ${mode} was not healthy after 30 s: ${errors}`);
}
