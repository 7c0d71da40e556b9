import type { Readable } from 'node:stream';

import type Docker from 'dockerode';

import { FrameDemultiplexer, type OutputStream } from './demultiplex';
import { LineSplitter } from './line-splitter';
import { parseDockerLine, type RawLine } from './parse-line';

export interface ServiceOutputLine extends RawLine {
  stream: OutputStream;
}

export interface ReadServiceLogsOptions {
  follow: boolean;
  /** In the engine's format (seconds.nanoseconds). */
  since?: string;
  tail?: number;
  signal: AbortSignal;
  /** Called with the complete lines of each chunk that arrives. */
  onLines: (lines: ServiceOutputLine[]) => void;
  /** Called once the engine has answered and lines may flow. */
  onOpen?: () => void;
}

/**
 * One service's logs through the swarm (every task, on whichever node it runs), with timestamps
 * and the task in each line. Resolves when the engine ends the stream or the signal aborts;
 * rejects when the engine refuses or the connection fails.
 */
export async function readServiceLogs(docker: Docker, service: string, options: ReadServiceLogsOptions): Promise<void> {
  const handle = docker.getService(service);
  const info = (await handle.inspect()) as { Spec: { TaskTemplate: { ContainerSpec?: { TTY?: boolean } } } };
  const tty = info.Spec.TaskTemplate.ContainerSpec?.TTY === true;
  const output = (await handle.logs({
    follow: options.follow,
    stdout: true,
    stderr: true,
    timestamps: true,
    details: true,
    ...(options.since ? { since: options.since } : {}),
    ...(options.tail ? { tail: options.tail } : {}),
  } as Parameters<Docker.Service['logs']>[0])) as unknown as Readable | Buffer;

  options.onOpen?.();
  const reader = outputReader(tty, options.onLines);
  if (Buffer.isBuffer(output)) {
    reader.push(output);
    reader.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const stop = () => {
      output.destroy();
      resolve();
    };
    if (options.signal.aborted) return stop();
    options.signal.addEventListener('abort', stop, { once: true });
    const finish = (error?: Error) => {
      options.signal.removeEventListener('abort', stop);
      reader.end();
      if (error) reject(error);
      else resolve();
    };
    output.on('data', (chunk: Buffer) => reader.push(chunk));
    output.once('end', () => finish());
    output.once('error', finish);
    output.once('close', () => finish());
  });
}

/** Turns the engine's bytes into lines: demultiplexed per stream, unless the service has a TTY. */
function outputReader(tty: boolean, onLines: (lines: ServiceOutputLine[]) => void) {
  const splitters = { stdout: new LineSplitter(), stderr: new LineSplitter() };
  const demultiplexer = new FrameDemultiplexer();
  const toLines = (stream: OutputStream, texts: string[]): ServiceOutputLine[] =>
    texts.flatMap((text) => {
      const parsed = parseDockerLine(text);
      return parsed ? [{ ...parsed, text: parsed.text.replace(/\r$/, ''), stream }] : [];
    });
  let ended = false;
  return {
    push: (chunk: Buffer) => {
      if (tty) return onLines(toLines('stdout', splitters.stdout.push(chunk)));
      const lines: ServiceOutputLine[] = [];
      demultiplexer.push(chunk, (stream, payload) => lines.push(...toLines(stream, splitters[stream].push(payload))));
      onLines(lines);
    },
    end: () => {
      if (ended) return;
      ended = true;
      onLines([...toLines('stdout', splitters.stdout.end()), ...toLines('stderr', splitters.stderr.end())]);
    },
  };
}
