import { setTimeout as sleep } from 'node:timers/promises';

import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';

import { migrateToLatest, pendingMigrations } from '../../database/migrate';
import type { Database } from '../../database/tables';
import { isDatabaseUnavailable } from './database-errors';
import { sendUnavailable } from './problems';

/**
 * How a managair process gets to a current schema. API mode migrates (migrateToLatest takes a
 * lock, so replicas that start together apply each migration once); ingest mode never changes
 * the schema, it waits for API mode to do it. Either way the process is already listening, so
 * /health can say what it waits for.
 */
export type SchemaStrategy = 'migrate' | 'wait';

export class SchemaGate {
  #current = false;
  #detail = 'the schema has not been checked yet';
  readonly #stop = new AbortController();
  #run: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly strategy: SchemaStrategy,
    private readonly log: FastifyBaseLogger,
    private readonly pollMs = 2_000,
  ) {}

  /** Whether requests that need the schema may proceed. Once true, it stays true. */
  get current(): boolean {
    return this.#current;
  }

  /** What the gate is waiting for, for /health and the 503 answers. */
  get detail(): string {
    return this.#detail;
  }

  /**
   * Starts checking (once) and resolves when the schema is current or the gate was stopped.
   * Rejects only when a migration itself fails: the process cannot serve that database.
   */
  start(): Promise<void> {
    this.#run ??= this.#loop();
    return this.#run;
  }

  stop(): void {
    this.#stop.abort();
  }

  async #loop(): Promise<void> {
    while (!this.#stop.signal.aborted) {
      try {
        if (this.strategy === 'migrate') {
          const { applied } = await migrateToLatest(this.db);
          this.#open(applied.length ? `applied ${applied.join(', ')}` : 'no pending migrations');
          return;
        }
        const pending = await pendingMigrations(this.db);
        if (pending.length === 0) {
          this.#open('no pending migrations');
          return;
        }
        this.#wait(`waiting for migrations ${pending.join(', ')} (managair in API mode applies them)`, 'info');
      } catch (error) {
        if (!isDatabaseUnavailable(error) && this.strategy === 'migrate') throw error;
        const reason = error instanceof Error ? error.message : String(error);
        this.#wait(`waiting for the database: ${reason}`, 'warn');
      }
      try {
        await sleep(this.pollMs, undefined, { signal: this.#stop.signal });
      } catch {
        return; // stopped
      }
    }
  }

  #open(what: string): void {
    this.#current = true;
    this.#detail = 'the schema is current';
    this.log.info(`Schema is current (${what})`);
  }

  /** Logs what it waits for when that changes, not on every poll. */
  #wait(detail: string, level: 'info' | 'warn'): void {
    if (detail !== this.#detail) this.log[level](detail.charAt(0).toUpperCase() + detail.slice(1));
    this.#detail = detail;
  }
}

/**
 * An onRequest hook for routes that touch the schema: 503 with Retry-After (and what the gate
 * waits for) until it is current. Route plugins add it after their authentication.
 */
export function requireCurrentSchema(schema: SchemaGate) {
  // Answering from an async hook means returning the reply, so Fastify goes no further.
  return async (_request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> =>
    schema.current ? undefined : sendUnavailable(reply, 'schema_not_current', schema.detail);
}
