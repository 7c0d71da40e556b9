import type { UplinkApplication } from '../../contract';

/** A message exactly as the broker delivered it, kept for the detail view and for saving. */
export interface CapturedMessage {
  seq: number;
  application: UplinkApplication;
  topic: string;
  body: Buffer;
}

/**
 * The raw messages of one live session, the last `capacity` of them, numbered as the rows the
 * renderer keeps (the same capacity: a row still in the table has its message here). Why here and
 * not in the rows: a batch of a thousand rows stays small to validate and send, a capture file
 * gets the very bytes TTN sent (not a re-serialised copy), and a save names rows by number
 * instead of shipping megabytes back. A byte budget bounds memory should a broker send huge
 * messages; the oldest go first, and their rows then say so.
 */
export class CaptureRing {
  readonly #ring: (CapturedMessage | undefined)[];
  #first = 0;
  #next = 0;
  #bytes = 0;

  constructor(
    readonly capacity: number,
    readonly maxBytes: number,
  ) {
    this.#ring = new Array<CapturedMessage | undefined>(capacity);
  }

  /** The number the next message gets. */
  get next(): number {
    return this.#next;
  }

  add(message: Omit<CapturedMessage, 'seq'>): CapturedMessage {
    if (this.#next - this.#first === this.capacity) this.#evictOldest();
    const captured = { ...message, seq: this.#next++ };
    this.#ring[captured.seq % this.capacity] = captured;
    this.#bytes += captured.body.length;
    while (this.#bytes > this.maxBytes && this.#first < captured.seq) this.#evictOldest();
    return captured;
  }

  get(seq: number): CapturedMessage | undefined {
    if (seq < this.#first || seq >= this.#next) return undefined;
    return this.#ring[seq % this.capacity];
  }

  #evictOldest(): void {
    const slot = this.#first % this.capacity;
    this.#bytes -= this.#ring[slot]?.body.length ?? 0;
    this.#ring[slot] = undefined;
    this.#first++;
  }
}
