import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { appendDurably, readJsonLines, replaceDurably } from './durable-file';
import { type NewSample, SpooledSample } from './spooled-sample';

/** Rewrite the journal once this many delivered samples sit at its head. */
const compactAfter = 10_000;

/**
 * The samples accepted from TTN and not yet confirmed by ingestair, on disk.
 *
 * `samples.jsonl` is an append-only journal, one sample a line, fsynced before `append` resolves
 * (and so before the MQTT message is acknowledged). Ingestair takes samples from the head in
 * order, so what it confirmed is a prefix: `delivered` holds the last delivered sequence number,
 * replaced atomically. Opening rewrites the journal without the delivered prefix and without a
 * torn last line, so appends never continue a partial line. The pending samples are also held in
 * memory: they are the ones a sender is about to read anyway.
 */
export class Spool {
  readonly #journal: string;
  readonly #delivered: string;
  readonly #pending: SpooledSample[];
  #nextSeq: number;
  #deliveredSinceCompaction = 0;
  /** File operations run one at a time, in call order. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Set<() => void>();

  private constructor(directory: string, pending: SpooledSample[], nextSeq: number) {
    this.#journal = join(directory, 'samples.jsonl');
    this.#delivered = join(directory, 'delivered');
    this.#pending = pending;
    this.#nextSeq = nextSeq;
  }

  static async open(directory: string): Promise<Spool> {
    await mkdir(directory, { recursive: true });
    const journal = join(directory, 'samples.jsonl');
    const delivered = await readDelivered(join(directory, 'delivered'));
    const pending = (await readJsonLines(journal))
      .map((line) => SpooledSample.safeParse(line))
      .flatMap((parsed) => (parsed.success && parsed.data.seq > delivered ? [parsed.data] : []));
    const spool = new Spool(directory, pending, Math.max(delivered, pending.at(-1)?.seq ?? 0) + 1);
    await spool.#compact();
    return spool;
  }

  get size(): number {
    return this.#pending.length;
  }

  /** When the oldest pending sample was spooled (Unix ms), or undefined when empty. */
  get oldestSpooledAt(): number | undefined {
    return this.#pending[0]?.spooledAt;
  }

  /** Resolves once the samples are on disk. */
  append(samples: readonly NewSample[]): Promise<void> {
    if (samples.length === 0) return Promise.resolve();
    return this.#serialized(async () => {
      const spooledAt = Date.now();
      const entries = samples.map((sample) => ({ ...sample, seq: this.#nextSeq++, spooledAt }));
      await appendDurably(this.#journal, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      this.#pending.push(...entries);
      for (const listener of this.#listeners) listener();
    });
  }

  /** The oldest pending samples, at most `max`; they stay pending until `remove`. */
  head(max: number): SpooledSample[] {
    return this.#pending.slice(0, max);
  }

  /** Removes the first `count` pending samples, which the caller has delivered or set aside. */
  remove(count: number): Promise<void> {
    return this.#serialized(async () => {
      const removed = this.#pending.splice(0, count);
      const last = removed.at(-1);
      if (!last) return;
      await replaceDurably(this.#delivered, String(last.seq));
      this.#deliveredSinceCompaction += removed.length;
      if (this.#deliveredSinceCompaction >= compactAfter && this.#deliveredSinceCompaction > this.#pending.length) {
        await this.#compact();
      }
    });
  }

  /** Calls `listener` after every append, so a sender can sleep while the spool is empty. */
  onAppend(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Waits for the file operations already asked for. */
  async close(): Promise<void> {
    await this.#queue;
  }

  async #compact(): Promise<void> {
    await replaceDurably(this.#journal, this.#pending.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    this.#deliveredSinceCompaction = 0;
  }

  #serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation);
    this.#queue = result.catch(() => undefined);
    return result;
  }
}

async function readDelivered(path: string): Promise<number> {
  try {
    const value = Number.parseInt(await readFile(path, 'utf8'), 10);
    return Number.isSafeInteger(value) ? value : 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
