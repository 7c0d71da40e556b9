import type { UplinkRow, UplinksEvent } from '../../contract';

/** How often rows go out (ms), and the most one event carries. */
export const defaultRowBatching = { intervalMs: 200, maxBatch: 1000 };

/**
 * Sends rows in batches a few times a second, never one message per uplink: a busy application
 * or a replayed capture brings hundreds a second, and each event is validated and sent whole.
 */
export class RowBatcher {
  #rows: UplinkRow[] = [];
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly emit: (event: UplinksEvent) => void,
    private readonly options = defaultRowBatching,
  ) {
    this.#timer = setInterval(() => this.flush(), options.intervalMs);
  }

  add(row: UplinkRow): void {
    this.#rows.push(row);
  }

  flush(): void {
    const rows = this.#rows;
    this.#rows = [];
    for (let start = 0; start < rows.length; start += this.options.maxBatch) {
      this.emit({ type: 'uplinks', rows: rows.slice(start, start + this.options.maxBatch) });
    }
  }

  /** Stops the timer and drops what is held: nobody listens any more. */
  discard(): void {
    clearInterval(this.#timer);
    this.#rows = [];
  }
}
