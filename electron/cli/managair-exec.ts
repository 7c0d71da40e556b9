import type { Readable, Writable } from 'node:stream';

import type Docker from 'dockerode';

import { scoped } from '../core/stack/swarm/names';

/** The service whose container runs managair commands, as in the seed's find_managair_or_fail. */
export const MANAGAIR_SERVICE = 'managair_server';

interface RunningTask {
  NodeID: string;
  Status: { State: string; ContainerStatus?: { ContainerID?: string } };
}

/**
 * The container of a running managair_server task on the engine the context reaches. Exec goes
 * to that engine, so a task on another node of the swarm is named, not reached.
 */
export async function findManagairContainer(docker: Docker, stack: string): Promise<Docker.Container> {
  const service = scoped(stack, MANAGAIR_SERVICE);
  const filters = JSON.stringify({ service: [service], 'desired-state': ['running'] });
  let tasks: RunningTask[];
  try {
    tasks = (await docker.listTasks({ filters })) as RunningTask[];
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404)
      throw new Error(`Stack ${stack} has no service ${MANAGAIR_SERVICE}`, { cause: error });
    throw error;
  }
  const running = tasks.filter((task) => task.Status.State === 'running' && task.Status.ContainerStatus?.ContainerID);
  if (running.length === 0) throw new Error(`No task of ${service} is running: deploy the stack, or see its logs`);
  const node = ((await docker.info()) as { Swarm?: { NodeID?: string } }).Swarm?.NodeID;
  const here = running.find((task) => task.NodeID === node);
  if (!here) {
    throw new Error(
      `${service} runs on node ${running[0]!.NodeID}, not on the node this docker context reaches; use a context for that node`,
    );
  }
  return docker.getContainer(here.Status.ContainerStatus!.ContainerID!);
}

export interface ExecStreams {
  stdin?: Readable;
  stdout: Writable;
  stderr: Writable;
}

/**
 * Runs `managair <args>` in the container, the image's entrypoint being managair's CLI (the stack
 * gives the service only its arguments), with stdin piped as `docker exec -i` does. Returns
 * managair's exit code.
 */
export async function execManagair(
  docker: Docker,
  container: Docker.Container,
  args: string[],
  streams: ExecStreams,
): Promise<number> {
  const { Image } = await container.inspect();
  const entrypoint = (await docker.getImage(Image).inspect()).Config.Entrypoint ?? [];
  const exec = await container.exec({
    Cmd: [...(typeof entrypoint === 'string' ? [entrypoint] : entrypoint), ...args],
    AttachStdin: Boolean(streams.stdin),
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const stream = await exec.start({ hijack: true, stdin: Boolean(streams.stdin) });
  const finished = new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  docker.modem.demuxStream(stream, streams.stdout, streams.stderr);
  // The end of the input half-closes the connection, which the daemon passes on as EOF.
  streams.stdin?.pipe(stream);
  try {
    await finished;
  } finally {
    streams.stdin?.unpipe(stream);
  }
  return exitCodeOf(exec);
}

/** The daemon records the exit code a moment after the output ends. */
async function exitCodeOf(exec: Docker.Exec): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const { Running, ExitCode } = await exec.inspect();
    if (!Running && ExitCode !== null && ExitCode !== undefined) return ExitCode;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('managair did not report an exit code');
}
