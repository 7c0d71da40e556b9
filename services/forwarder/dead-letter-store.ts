import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import { appendDurably, readJsonLines, replaceDurably } from './durable-file';
import { SpooledSample } from './spooled-sample';

export const deadLetterReasons = [
  /** The MQTT body is not JSON. */
  'bad_json',
  /** JSON, but not a TTN v3 uplink with a payload (bad base64, missing fields). */
  'bad_uplink',
  /** The uplink has no DevEUI, so it has no node id. */
  'no_dev_eui',
  /** The decoder refused the payload: wrong length, unsupported type, wrong port. */
  'decode_error',
  /** Ingestair knows no node with that id. */
  'unknown_node',
  /** Ingestair refused the sample's values (out of range). */
  'invalid_sample',
  /** Ingestair refused the whole request (400, 409, 413, 415): a forwarder or protocol bug. */
  'ingest_rejected',
] as const;
export type DeadLetterReason = (typeof deadLetterReasons)[number];

/**
 * A message or sample the forwarder could not deliver and will not retry on its own. Uplink-stage
 * letters keep the raw MQTT body, so a fixed decoder can replay them; ingest-stage letters keep
 * the decoded sample, so a node added later can receive it.
 */
export const DeadLetter = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  reason: z.enum(deadLetterReasons),
  deviceId: z.string().nullable(),
  detail: z.string(),
  topic: z.string().optional(),
  /** The raw MQTT body, base64: it may not even be UTF-8. */
  message: z.base64().optional(),
  sample: SpooledSample.optional(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

export type NewDeadLetter = Omit<DeadLetter, 'id' | 'at'>;

/**
 * `dead-letters.jsonl` in the spool directory: appended and fsynced like the spool, rewritten
 * atomically when letters are taken out for replay. One process (the forwarder) owns it; admins
 * reach it through the forwarder's HTTP routes.
 */
export class DeadLetterStore {
  readonly #path: string;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(path: string) {
    this.#path = path;
  }

  static async open(directory: string): Promise<DeadLetterStore> {
    await mkdir(directory, { recursive: true });
    const store = new DeadLetterStore(join(directory, 'dead-letters.jsonl'));
    // Rewriting drops a torn last line, which the next append would otherwise continue.
    await store.#rewrite(await store.#read());
    return store;
  }

  add(letters: readonly NewDeadLetter[]): Promise<DeadLetter[]> {
    return this.#serialized(async () => {
      const at = new Date().toISOString();
      const stored = letters.map((letter) => ({ id: randomUUID(), at, ...letter }));
      if (stored.length > 0) await appendDurably(this.#path, stored.map((l) => `${JSON.stringify(l)}\n`).join(''));
      return stored;
    });
  }

  list(reason?: DeadLetterReason): Promise<DeadLetter[]> {
    return this.#serialized(async () => (await this.#read()).filter((letter) => !reason || letter.reason === reason));
  }

  /**
   * Hands the matching letters to `replay` and replaces them with the letters it returns (those
   * that failed again). `replay` must make its successes durable before returning: a crash after
   * that replays them once more, which ingest answers as duplicates.
   */
  replay(
    reason: DeadLetterReason | undefined,
    replay: (letters: DeadLetter[]) => Promise<NewDeadLetter[]>,
  ): Promise<{ replayed: number; failedAgain: number }> {
    return this.#serialized(async () => {
      const letters = await this.#read();
      const taken = letters.filter((letter) => !reason || letter.reason === reason);
      const at = new Date().toISOString();
      const failed = (await replay(taken)).map((letter) => ({ id: randomUUID(), at, ...letter }));
      await this.#rewrite([...letters.filter((letter) => !taken.includes(letter)), ...failed]);
      return { replayed: taken.length, failedAgain: failed.length };
    });
  }

  async #read(): Promise<DeadLetter[]> {
    return (await readJsonLines(this.#path)).flatMap((line) => {
      const parsed = DeadLetter.safeParse(line);
      return parsed.success ? [parsed.data] : [];
    });
  }

  #rewrite(letters: DeadLetter[]): Promise<void> {
    return replaceDurably(this.#path, letters.map((letter) => `${JSON.stringify(letter)}\n`).join(''));
  }

  #serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation);
    this.#queue = result.catch(() => undefined);
    return result;
  }
}
