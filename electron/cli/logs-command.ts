import { PassThrough, type Readable } from 'node:stream';

import type Docker from 'dockerode';

import { readLiveStack } from '../core/stack/swarm/live-stack';
import { scoped } from '../core/stack/swarm/names';
import { confirmAction } from './confirm';
import type { Session } from './session';

/**
 * `clairctl <env> logs <service>...`: the seed's follow-logs for several services at once, through
 * the swarm's service logs (every task, whichever node it runs on), each line prefixed with its
 * service. Follows until the IO's signal (Ctrl-C) or until every service is gone.
 */
export async function logsCommand(session: Session, services: string[]): Promise<number> {
  const { io, environment, docker } = session;
  if (!(await confirmAction(io, environment, 'logs', session.yes))) return 1;
  const stack = environment.stackName;
  const live = await readLiveStack(docker, stack);
  const existing = live.services.map((service) => service.name.slice(stack.length + 1)).sort();
  const unknown = services.filter((service) => !existing.includes(service));
  if (unknown.length > 0) {
    io.err(`No service ${unknown.join(', ')} in stack ${stack}; its services: ${existing.join(', ') || 'none'}`);
    return 2;
  }
  const width = Math.max(...services.map((service) => service.length));
  const streams = await Promise.all(services.map((service) => serviceLogs(docker, scoped(stack, service))));
  const stop = () => streams.forEach((stream) => stream.destroy());
  io.signal?.addEventListener('abort', stop, { once: true });
  try {
    await Promise.all(
      streams.map((stream, index) =>
        forEachLine(stream, (line) => io.out(`${services[index]!.padEnd(width)} | ${line}`)),
      ),
    );
  } finally {
    io.signal?.removeEventListener('abort', stop);
  }
  return 0;
}

/** A service's stdout and stderr together, demultiplexed unless the service has a TTY. */
async function serviceLogs(docker: Docker, name: string): Promise<Readable> {
  const service = docker.getService(name);
  const tty = ((await service.inspect()) as { Spec: { TaskTemplate: { ContainerSpec?: { TTY?: boolean } } } }).Spec
    .TaskTemplate.ContainerSpec?.TTY;
  const raw = (await service.logs({ follow: true, stdout: true, stderr: true, tail: 100 })) as unknown as Readable;
  if (tty) return raw;
  const merged = new PassThrough();
  docker.modem.demuxStream(raw, merged, merged);
  raw.once('end', () => merged.end());
  raw.once('close', () => merged.end());
  merged.once('close', () => raw.destroy());
  return merged;
}

function forEachLine(stream: Readable, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      lines.forEach(onLine);
    });
    const done = () => {
      if (rest) onLine(rest);
      rest = '';
      resolve();
    };
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', done);
  });
}
