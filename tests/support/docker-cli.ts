import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs the docker CLI against the test environment's own daemon, never the machine's default one. */
export async function docker(dockerHost: string, args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, {
    env: { ...process.env, DOCKER_HOST: dockerHost },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.trim();
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * `docker stack rm` returns before the stack is gone; a redeploy under the same name fails until
 * its network has been removed (machine-feasibility.md §3).
 */
export async function removeStack(dockerHost: string, stack: string): Promise<void> {
  await stackRm(dockerHost, stack);
  for (let attempt = 0; attempt < 120; attempt++) {
    const left = await docker(dockerHost, [
      'network',
      'ls',
      '-q',
      '--filter',
      `label=com.docker.stack.namespace=${stack}`,
    ]);
    const services = await docker(dockerHost, [
      'service',
      'ls',
      '-q',
      '--filter',
      `label=com.docker.stack.namespace=${stack}`,
    ]);
    if (!left && !services) return;
    // The network a refused rm left behind goes once its last task has let go of it.
    if (left && !services) await stackRm(dockerHost, stack);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Stack ${stack} was still being removed after 60 s`);
}

/**
 * `docker stack rm`, which reports a partial failure for a network still held by a stopping task
 * ("is in use by task") or already going ("not found"): removeStack's loop checks what is left
 * and asks again until it is gone.
 */
async function stackRm(dockerHost: string, stack: string): Promise<void> {
  try {
    await docker(dockerHost, ['stack', 'rm', stack]);
  } catch (error) {
    if (!/failed to remove some resources/.test((error as Error).message)) throw error;
  }
}

/** Removes the stack and waits until its containers are gone too (they hold its secrets until then). */
export async function removeStackAndContainers(dockerHost: string, stack: string): Promise<void> {
  await removeStack(dockerHost, stack);
  // A loop, not expect.poll: afterAll runs it too, outside any test.
  for (let attempt = 0; attempt < 120; attempt++) {
    const left = await docker(dockerHost, ['ps', '-aq', '--filter', `label=com.docker.stack.namespace=${stack}`]);
    if (!left) return;
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 500));
  }
  throw new Error(`the containers of stack ${stack} were still there after 60 s`);
}
