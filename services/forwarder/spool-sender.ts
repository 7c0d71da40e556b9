import type { DeadLetterStore, NewDeadLetter } from './dead-letter-store';
import type { IngestClient, SampleResult } from './ingest-client';
import type { Log } from './log';
import type { ForwarderMetrics } from './metrics';
import { countDeadLetters } from './metrics';
import type { Spool } from './spool';
import type { SpooledSample } from './spooled-sample';

export interface SenderOptions {
  batchSize: number;
  lingerMs: number;
  /** The first retry waits this long, each further one twice as long, up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * Drains the spool to ingestair in batches, oldest first. A sample leaves the spool only once
 * ingestair has answered for it: delivered (created or duplicate), or refused and written to the
 * dead letters first. Anything else (503, a network error, a refused token) keeps the batch and
 * retries it with exponential backoff, waiting at least as long as Retry-After asks. Resending
 * a batch whose answer was lost is safe: ingest answers `duplicate`.
 */
export class SpoolSender {
  readonly #minBackoffMs: number;
  readonly #maxBackoffMs: number;
  #backoffMs: number;
  #stopping = false;
  #deadline = Infinity;
  #wake: (() => void) | undefined;
  #failing: string | undefined;
  readonly #unsubscribe: () => void;
  readonly #loop: Promise<void>;

  constructor(
    private readonly spool: Spool,
    private readonly deadLetters: DeadLetterStore,
    private readonly ingest: IngestClient,
    private readonly metrics: ForwarderMetrics,
    private readonly log: Log,
    private readonly options: SenderOptions,
  ) {
    this.#minBackoffMs = options.minBackoffMs ?? 1_000;
    this.#maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.#backoffMs = this.#minBackoffMs;
    this.#unsubscribe = spool.onAppend(() => this.#wake?.());
    this.#loop = this.#run();
  }

  /** Why the last batch could not be delivered, while that lasts. */
  get failing(): string | undefined {
    return this.#failing;
  }

  /** Sends what it can within `flushMs`, then stops; what is left stays spooled for next time. */
  async stop(flushMs: number): Promise<void> {
    this.#stopping = true;
    this.#deadline = Date.now() + flushMs;
    this.#wake?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    try {
      while (Date.now() < this.#deadline) {
        const oldest = this.spool.oldestSpooledAt;
        if (oldest === undefined) {
          if (this.#stopping) return;
          await this.#sleep(Infinity);
          continue;
        }
        const lingerLeft = oldest + this.options.lingerMs - Date.now();
        if (!this.#stopping && this.spool.size < this.options.batchSize && lingerLeft > 0) {
          await this.#sleep(lingerLeft);
          continue;
        }
        const batch = this.spool.head(this.options.batchSize);
        // A failing disk (dead letters, the delivered mark) is retried like a failing ingestair.
        const retryAfterMs = await this.#send(batch).catch((error: unknown) =>
          this.#retry(`local: ${String(error)}`, 0),
        );
        if (retryAfterMs !== undefined) await this.#sleep(retryAfterMs, { wakeOnAppend: false });
      }
    } finally {
      this.#unsubscribe();
    }
  }

  /** Returns how long to wait before trying again, or undefined when the batch left the spool. */
  async #send(batch: SpooledSample[]): Promise<number | undefined> {
    const outcome = await this.ingest.send(batch);
    if (outcome.kind === 'retry') return this.#retry(outcome.detail, outcome.retryAfterMs ?? 0);
    if (this.#failing) this.log('info', 'ingestair takes samples again', { spooled: this.spool.size });
    this.#failing = undefined;
    this.#backoffMs = this.#minBackoffMs;
    const letters =
      outcome.kind === 'refused'
        ? batch.map((sample) => deadLetter(sample, 'ingest_rejected', outcome.detail))
        : refusedSamples(batch, outcome.results);
    if (outcome.kind === 'refused') this.log('error', 'ingestair refused a batch', { detail: outcome.detail });
    await this.deadLetters.add(letters);
    await this.spool.remove(batch.length);
    countDeadLetters(
      this.metrics,
      letters.map((letter) => letter.reason),
    );
    this.metrics.forwarded.inc(batch.length - letters.length);
    return undefined;
  }

  /** The wait before the next attempt; the log hears of each new cause, not of every attempt. */
  #retry(detail: string, retryAfterMs: number): number {
    const waitMs = Math.max(this.#backoffMs, retryAfterMs);
    this.#backoffMs = Math.min(this.#backoffMs * 2, this.#maxBackoffMs);
    if (this.#failing !== detail) {
      this.log('warn', 'the batch was not delivered, retrying', { detail, spooled: this.spool.size });
    }
    this.#failing = detail;
    return waitMs;
  }

  #sleep(ms: number, { wakeOnAppend = true } = {}): Promise<void> {
    const until = Math.min(ms, this.#deadline - Date.now());
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = until === Infinity ? undefined : setTimeout(done, Math.max(0, until));
      this.#wake = wakeOnAppend ? done : () => this.#stopping && done();
    });
  }
}

function refusedSamples(batch: SpooledSample[], results: SampleResult[]): NewDeadLetter[] {
  return results.flatMap((result) => {
    const sample = batch[result.index];
    if (!sample || result.status === 'created' || result.status === 'duplicate') return [];
    const reason = result.status === 'invalid' ? 'invalid_sample' : 'unknown_node';
    return [deadLetter(sample, reason, result.reason ?? `no node ${sample.nodeId}`)];
  });
}

function deadLetter(sample: SpooledSample, reason: NewDeadLetter['reason'], detail: string): NewDeadLetter {
  return { reason, deviceId: sample.deviceId, detail, sample };
}
