/**
 * The last `capacity` items in a ring, and the sequence numbers of those that match the filter,
 * kept up to date as items arrive: the buffer behind the Logs and Uplinks views. Plain arrays,
 * mutated in place: at thousands of items a second, an immutable copy per batch (or React state
 * per item) would cost more than the view.
 */
export class FilteredRing<Item, Filter> {
  readonly #ring: (Item | undefined)[];
  /** Sequence number of the oldest item kept, and of the next item to arrive. */
  #first = 0;
  #next = 0;
  /** Sequence numbers of the matching items, oldest first; those before #head are evicted. */
  #matches: number[] = [];
  #head = 0;
  /** Every matching item ever added, evicted or not: "N new" counts from this. */
  matchedTotal = 0;

  constructor(
    readonly capacity: number,
    private readonly matches: (item: Item, filter: Filter) => boolean,
  ) {
    this.#ring = new Array<Item | undefined>(capacity);
  }

  get kept(): number {
    return this.#next - this.#first;
  }

  /** Items received since the buffer was created, kept or not. */
  get received(): number {
    return this.#next;
  }

  get matchCount(): number {
    return this.#matches.length - this.#head;
  }

  /** The index-th matching item, oldest first, with its sequence number. */
  matchAt(index: number): { seq: number; item: Item } | undefined {
    const seq = this.#matches[this.#head + index];
    if (seq === undefined) return undefined;
    const item = this.#ring[seq % this.capacity];
    return item && { seq, item };
  }

  add(items: readonly Item[], filter: Filter): void {
    for (const item of items) {
      if (this.#next - this.#first === this.capacity) this.#first++;
      const seq = this.#next++;
      this.#ring[seq % this.capacity] = item;
      if (this.matches(item, filter)) {
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

  /** Recomputes the matching items after the filter changed: one plain loop. */
  refilter(filter: Filter): void {
    const found: number[] = [];
    for (let seq = this.#first; seq < this.#next; seq++) {
      if (this.matches(this.#ring[seq % this.capacity]!, filter)) found.push(seq);
    }
    this.#matches = found;
    this.#head = 0;
  }

  /** How many matching items arrived before the item `seq`: what a paused view shows. */
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

  /** The first `count` matching items (all by default), oldest first. */
  *matching(count = this.matchCount): Generator<Item> {
    for (let index = this.#head; index < this.#head + count; index++) {
      yield this.#ring[this.#matches[index]! % this.capacity]!;
    }
  }
}
