import type { LogLine } from '../../contract';

interface Arrival {
  at: number;
  lines: LogLine[];
}

/**
 * Lines of several services arrive on separate streams, each in its own order. Holding every
 * line for a short while after it arrived lets the lines of the others catch up, so what leaves
 * is in time order across services (a stream late by more than the hold is only ordered within
 * what is released together).
 */
export class TimeOrderedMerge {
  readonly #arrivals: Arrival[] = [];

  constructor(private readonly holdMs: number) {}

  add(lines: LogLine[], now: number): void {
    if (lines.length > 0) this.#arrivals.push({ at: now, lines });
  }

  /** The lines held long enough, in time order. */
  takeReady(now: number): LogLine[] {
    let count = 0;
    while (count < this.#arrivals.length && this.#arrivals[count]!.at <= now - this.holdMs) count++;
    return sortByTime(this.#arrivals.splice(0, count));
  }

  /** Every line still held, in time order: the streams have ended. */
  takeAll(): LogLine[] {
    return sortByTime(this.#arrivals.splice(0));
  }
}

function sortByTime(arrivals: Arrival[]): LogLine[] {
  const lines = arrivals.flatMap((arrival) => arrival.lines);
  // Stable: lines of one service with the same time keep the order they were written in.
  return lines.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}
