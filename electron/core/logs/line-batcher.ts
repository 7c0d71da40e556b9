import type { LogLine, LogsEvent } from '../../contract';
import { TimeOrderedMerge } from './time-ordered-merge';

export interface LineBatcherOptions {
  /** How long a line waits for the lines of other services (ms). */
  holdMs: number;
  /** How often held lines are released (ms). */
  intervalMs: number;
  /** The most lines one event carries. */
  maxBatch: number;
}

export const defaultBatching: LineBatcherOptions = { holdMs: 250, intervalMs: 100, maxBatch: 1000 };

/**
 * Sends lines in batches, never one message per line: at thousands of lines a second, one IPC
 * message each would swamp the channel and the renderer.
 */
export class LineBatcher {
  readonly #merge: TimeOrderedMerge;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly emit: (event: LogsEvent) => void,
    private readonly options: LineBatcherOptions = defaultBatching,
  ) {
    this.#merge = new TimeOrderedMerge(options.holdMs);
    this.#timer = setInterval(() => this.#send(this.#merge.takeReady(Date.now())), options.intervalMs);
  }

  add(lines: LogLine[]): void {
    this.#merge.add(lines, Date.now());
  }

  /** Sends what is held and stops the timer. */
  finish(): void {
    clearInterval(this.#timer);
    this.#send(this.#merge.takeAll());
  }

  /** Stops the timer and drops what is held: nobody listens any more. */
  discard(): void {
    clearInterval(this.#timer);
  }

  #send(lines: LogLine[]): void {
    for (let start = 0; start < lines.length; start += this.options.maxBatch) {
      this.emit({ type: 'lines', lines: lines.slice(start, start + this.options.maxBatch) });
    }
  }
}
