import type { LogLevel, LogLine } from '../../../electron/contract';

export interface LogFilter {
  /** Undefined: every text matches. */
  pattern: RegExp | undefined;
  levels: ReadonlySet<LogLevel>;
  hiddenServices: ReadonlySet<string>;
}

export function matches(line: LogLine, filter: LogFilter): boolean {
  return (
    filter.levels.has(line.level) &&
    !filter.hiddenServices.has(line.service) &&
    (filter.pattern === undefined || filter.pattern.test(line.text))
  );
}

/**
 * The last `capacity` lines in a ring, and the sequence numbers of those that match the filter,
 * kept up to date as lines arrive. Plain arrays, mutated in place: at thousands of lines a
 * second, an immutable copy per batch (or React state per line) would cost more than the view.
 */
export class LogBuffer {
  readonly #ring: (LogLine | undefined)[];
  /** Sequence number of the oldest line kept, and of the next line to arrive. */
  #first = 0;
  #next = 0;
  /** Sequence numbers of the matching lines, oldest first; those before #head are evicted. */
  #matches: number[] = [];
  #head = 0;
  /** Every matching line ever added, evicted or not: "N new lines" counts from this. */
  matchedTotal = 0;

  constructor(readonly capacity: number) {
    this.#ring = new Array<LogLine | undefined>(capacity);
  }

  get kept(): number {
    return this.#next - this.#first;
  }

  /** Lines received since the buffer was created, kept or not. */
  get received(): number {
    return this.#next;
  }

  get matchCount(): number {
    return this.#matches.length - this.#head;
  }

  /** The index-th matching line, oldest first. */
  matchAt(index: number): { seq: number; line: LogLine } | undefined {
    const seq = this.#matches[this.#head + index];
    if (seq === undefined) return undefined;
    const line = this.#ring[seq % this.capacity];
    return line && { seq, line };
  }

  add(lines: readonly LogLine[], filter: LogFilter): void {
    for (const line of lines) {
      if (this.#next - this.#first === this.capacity) this.#first++;
      const seq = this.#next++;
      this.#ring[seq % this.capacity] = line;
      if (matches(line, filter)) {
        this.#matches.push(seq);
        this.matchedTotal++;
      }
    }
    while (this.#head < this.#matches.length && this.#matches[this.#head]! < this.#first) this.#head++;
    // Drop the evicted prefix now and then, not at every batch: it is a copy of the whole array.
    if (this.#head > this.capacity / 2) {
      this.#matches = this.#matches.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Recomputes the matching lines after the filter changed: a plain loop over strings. */
  refilter(filter: LogFilter): void {
    const found: number[] = [];
    for (let seq = this.#first; seq < this.#next; seq++) {
      if (matches(this.#ring[seq % this.capacity]!, filter)) found.push(seq);
    }
    this.#matches = found;
    this.#head = 0;
  }

  /** How many matching lines arrived before the line `seq`: what a paused view shows. */
  countBefore(seq: number): number {
    let low = this.#head;
    let high = this.#matches.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#matches[middle]! < seq) low = middle + 1;
      else high = middle;
    }
    return low - this.#head;
  }

  /** Every matching line, oldest first. */
  *matching(): Generator<LogLine> {
    for (let index = this.#head; index < this.#matches.length; index++) {
      yield this.#ring[this.#matches[index]! % this.capacity]!;
    }
  }
}
