import { type Duplex, PassThrough } from 'node:stream';

import type Docker from 'dockerode';

import { SocketShapedDuplex } from '../docker/socket-shaped-duplex';
import { scoped } from '../stack/swarm/names';

/**
 * Inside the db container the bridge connects to PostgreSQL on the container's own loopback and
 * copies bytes both ways. bash's /dev/tcp needs no extra tool in the image; `cat` is unbuffered
 * for pipes. The first `cat` ends when the server closes the connection, the second when our
 * side half-closes stdin.
 */
const BRIDGE_COMMAND = ['bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/5432 && { cat <&3 & cat >&3; wait; }'];

interface RunningTask {
  NodeID: string;
  Status: { State: string; ContainerStatus?: { ContainerID?: string } };
}

/**
 * The container of the running task of `<stack>_<service>` on the engine the docker context
 * reaches, looked up again for every connection, so that a restarted task (a new container) is
 * found. A task on another node of the swarm cannot be exec'd into from this engine: the error
 * says which node.
 */
export async function findServiceContainer(docker: Docker, stack: string, service: string): Promise<Docker.Container> {
  const name = scoped(stack, service);
  const filters = JSON.stringify({ service: [name], 'desired-state': ['running'] });
  let tasks: RunningTask[];
  try {
    tasks = (await docker.listTasks({ filters })) as RunningTask[];
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404)
      throw new Error(`Stack ${stack} has no service ${service}: deploy the stack first`, { cause: error });
    throw error;
  }
  const running = tasks.filter((task) => task.Status.State === 'running' && task.Status.ContainerStatus?.ContainerID);
  if (running.length === 0) throw new Error(`No task of ${name} is running: wait for it to start, or see its logs`);
  const node = ((await docker.info()) as { Swarm?: { NodeID?: string } }).Swarm?.NodeID;
  const here = running.find((task) => task.NodeID === node);
  if (!here) {
    throw new Error(
      `${name} runs on node ${running[0]!.NodeID}, not on the node this docker context reaches; use a context for that node`,
    );
  }
  return docker.getContainer(here.Status.ContainerStatus!.ContainerID!);
}

/**
 * A socket-like Duplex for pg's `stream` option: `connect()` opens an exec into the db container
 * running the bridge, with Tty off (a TTY would translate line endings and echo, corrupting the
 * binary protocol), so the daemon multiplexes stdout and stderr and we demultiplex them. Nothing
 * listens on a port, here or on the host: each PostgreSQL connection is one exec.
 */
export class DockerExecSocket extends SocketShapedDuplex {
  #upstream: Duplex | undefined;
  #pending: { chunk: Buffer; callback: (error?: Error | null) => void } | undefined;
  #finishing = false;
  #stderr = '';
  #received = false;
  #ended = false;

  constructor(private readonly findContainer: () => Promise<Docker.Container>) {
    super();
  }

  /** pg's host and port are ignored: the bridge always reaches 127.0.0.1:5432 inside the container. */
  connect(): this {
    this.#open().then(
      () => this.emit('connect'),
      (error: Error) => this.destroy(error),
    );
    return this;
  }

  async #open(): Promise<void> {
    const container = await this.findContainer();
    const exec = await container.exec({
      Cmd: BRIDGE_COMMAND,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
    });
    const upstream = await exec.start({ hijack: true, stdin: true });
    if (this.destroyed) {
      upstream.destroy();
      return;
    }
    this.#upstream = upstream;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    stdout.on('data', (chunk: Buffer) => {
      this.#received = true;
      if (!this.push(chunk)) upstream.pause();
    });
    stderr.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-500);
    });
    demultiplex(upstream, stdout, stderr);
    upstream.on('end', () => this.#upstreamEnded());
    upstream.on('close', () => this.#upstreamEnded());
    upstream.on('error', (error: Error) => this.destroy(error));
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) upstream.write(pending.chunk, pending.callback);
    if (this.#finishing) upstream.end();
  }

  #upstreamEnded(): void {
    if (this.#ended) return;
    this.#ended = true;
    // Not a byte from PostgreSQL and something on stderr: the bridge could not connect.
    if (!this.#received && this.#stderr.trim()) {
      const reason = this.#stderr.trim().split('\n').at(-1)!;
      this.destroy(new Error(`the bridge into the db container could not reach PostgreSQL: ${reason}`));
      return;
    }
    // pg notices a lost connection by 'close', which a half-open Duplex would never emit.
    this.once('end', () => this.destroy());
    this.push(null);
  }

  override _read(): void {
    this.#upstream?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.#upstream) this.#upstream.write(chunk, callback);
    else this.#pending = { chunk, callback };
  }

  /** Half-close: the daemon passes the end of our input on to the bridge's stdin as EOF. */
  override _final(callback: (error?: Error | null) => void): void {
    if (this.#upstream) this.#upstream.end();
    else this.#finishing = true;
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#upstream?.destroy();
    callback(error);
  }
}

/**
 * The daemon's multiplexed stream: frames of an 8-byte header (stream type, 3 zero bytes, a
 * big-endian length) and the payload. Written here rather than with modem.demuxStream so that
 * backpressure and the end of the stream reach our side.
 */
function demultiplex(source: NodeJS.ReadableStream, stdout: PassThrough, stderr: PassThrough): void {
  let buffered: Buffer = Buffer.alloc(0);
  source.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    while (buffered.length >= 8) {
      const length = buffered.readUInt32BE(4);
      if (buffered.length < 8 + length) break;
      const payload = buffered.subarray(8, 8 + length);
      (buffered[0] === 2 ? stderr : stdout).write(payload);
      buffered = buffered.subarray(8 + length);
    }
  });
}
