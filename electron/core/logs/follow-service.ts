import type Docker from 'dockerode';

import type { LogLine, LogsEvent } from '../../contract';
import { engineError } from '../docker/engine-error';
import { abortableDelay } from '../timing/abortable-delay';
import { classify, toEngineTime } from './parse-line';
import { readServiceLogs, type ServiceOutputLine } from './read-service-logs';

type Notice = Extract<LogsEvent, { type: 'notice' }>;

export interface FollowServiceOptions {
  /** Reaches the engine again, for each (re)connection: the context may have come back elsewhere. */
  connect: () => Promise<Docker>;
  /** The service as the swarm names it (`<stack>_<name>`). */
  service: string;
  /** The name lines and notices carry (without the stack prefix). */
  label: string;
  follow: boolean;
  since?: string;
  until?: string;
  tail?: number;
  signal: AbortSignal;
  onLines: (lines: LogLine[]) => void;
  onNotice: (notice: Notice) => void;
  /** Waits between reconnection attempts: 1 s, doubling up to this (ms). */
  maxBackoffMs?: number;
}

/**
 * One service's logs, in words the screen can show. While following, a stream that ends (the
 * context dropped, the engine restarted) is opened again from the last line seen, the overlap
 * dropped, and each step reported as a notice; it stops only when the signal aborts. The first
 * connection's failure to open is the caller's error: there is nothing to reconnect to yet.
 */
export async function followService(options: FollowServiceOptions): Promise<void> {
  const seen = new SeenLines();
  const until = options.until ? new Date(options.until).toISOString() : undefined;
  const accept = (lines: ServiceOutputLine[]) => {
    const fresh = lines.filter((line) => seen.isNew(line) && (!until || line.time <= until));
    if (fresh.length > 0) options.onLines(fresh.map((line) => toLogLine(options.label, line)));
  };
  const read = async (docker: Docker, reconnecting: boolean, onOpen?: () => void) => {
    if (reconnecting) seen.reconnecting();
    const since = seen.lastTime ?? options.since;
    await readServiceLogs(docker, options.service, {
      follow: options.follow,
      ...(since ? { since: toEngineTime(since) } : {}),
      // Only the first connection starts from the tail; a reconnection reads everything it missed.
      ...(options.tail && !reconnecting ? { tail: options.tail } : {}),
      signal: options.signal,
      onLines: accept,
      ...(onOpen ? { onOpen } : {}),
    });
  };
  const notice = (severity: Notice['severity'], message: string) =>
    options.onNotice({ type: 'notice', service: options.label, severity, message });

  let opened = false;
  let reason = 'its log stream ended';
  try {
    await read(await options.connect(), false, () => (opened = true));
  } catch (error) {
    const problem = engineError(error, `read the logs of ${options.label}`);
    if (!opened) throw problem;
    reason = messageOf(problem);
  }
  let failures = 0;
  while (options.follow && !options.signal.aborted) {
    const waitMs = Math.min(1000 * 2 ** failures, options.maxBackoffMs ?? 30_000);
    notice('warning', `Reconnecting to ${options.label} in ${Math.round(waitMs / 1000)} s: ${reason}`);
    await abortableDelay(waitMs, options.signal);
    if (options.signal.aborted) return;
    try {
      await read(await options.connect(), true, () => {
        failures = 0;
        notice('info', `Reconnected to ${options.label}`);
      });
      reason = 'its log stream ended';
    } catch (error) {
      failures++;
      reason = messageOf(engineError(error, `read the logs of ${options.label}`));
    }
  }
}

function messageOf(problem: unknown): string {
  return problem instanceof Error ? problem.message : String(problem);
}

function toLogLine(service: string, line: ServiceOutputLine): LogLine {
  const { level, json } = classify(line.text);
  return {
    time: line.time,
    service,
    task: line.taskId.slice(0, 12),
    stream: line.stream,
    level,
    json,
    text: line.text,
  };
}

/**
 * What a reconnection must not repeat: it starts at the last time seen and the engine's `since`
 * is inclusive, so lines before that time are old and lines at that very time are told apart by
 * their content. Lines of one connection are never dropped: tasks interleave out of order.
 */
class SeenLines {
  lastTime: string | undefined;
  #atLastTime = new Set<string>();
  #cutoff: string | undefined;
  #atCutoff = new Set<string>();

  /** The next lines come from a new connection that starts at lastTime. */
  reconnecting(): void {
    this.#cutoff = this.lastTime;
    this.#atCutoff = new Set(this.#atLastTime);
  }

  isNew(line: ServiceOutputLine): boolean {
    const key = `${line.taskId} ${line.stream} ${line.text}`;
    const cutoff = this.#cutoff;
    if (cutoff !== undefined && (line.time < cutoff || (line.time === cutoff && this.#atCutoff.has(key)))) {
      return false;
    }
    if (this.lastTime === undefined || line.time > this.lastTime) {
      this.lastTime = line.time;
      this.#atLastTime = new Set([key]);
    } else if (line.time === this.lastTime) {
      this.#atLastTime.add(key);
    }
    return true;
  }
}
