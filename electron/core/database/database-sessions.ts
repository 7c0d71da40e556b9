import pg from 'pg';

import { ClairError, type DatabaseSource } from '../../contract';
import type { Environment } from '../environments/load-environment';
import type { Workspace } from '../workspace/workspace';
import { connectDatabase, type DatabaseConnection, type DatabaseTarget } from './connect-database';
import { isConnectionLost } from './connection-lost';
import type { SavedConnections } from './saved-connections';

/** Where a session stands, as the Database screen shows it. Never holds a credential. */
export interface SessionStatus {
  key: string;
  label: string;
  /** Writes are refused by PostgreSQL right now. */
  readOnly: boolean;
  /** Production: read-only unless unlocked. */
  readOnlyByDefault: boolean;
  /** While unlocked, when writes end again (ISO). */
  unlockedUntil?: string;
  state: 'connected' | 'lost';
  /** The last thing that happened to the connection, for the user: "lost: …", "reconnected". */
  notice?: string;
}

export type StatusListener = (status: SessionStatus) => void;

/**
 * One browser session on a database: the read-only connection production starts with, and while
 * unlocked, a second, writable one that is closed when the unlock expires. The session outlives
 * dropped connections: pg opens new ones on the next use, and the session reports both events.
 */
export class DatabaseSession {
  #state: SessionStatus['state'] = 'connected';
  #notice: string | undefined;
  #unlocked: { connection: DatabaseConnection; until: number; timer: NodeJS.Timeout } | undefined;
  readonly #listeners = new Set<StatusListener>();

  constructor(
    readonly key: string,
    private readonly base: DatabaseConnection,
    /** The environment, for the typed-name guardrail; absent for a plain connection string. */
    readonly environment: Environment | undefined,
    private readonly openWritable: () => Promise<DatabaseConnection>,
  ) {
    this.#watch(base.pool);
  }

  get label(): string {
    return this.base.label;
  }

  /** The pool to use now: the writable one while unlocked. */
  get pool(): pg.Pool {
    return (this.#unlocked?.connection ?? this.base).pool;
  }

  get readOnly(): boolean {
    return (this.#unlocked?.connection ?? this.base).readOnly;
  }

  status(): SessionStatus {
    return {
      key: this.key,
      label: this.label,
      readOnly: this.readOnly,
      readOnlyByDefault: this.base.readOnly,
      ...(this.#unlocked ? { unlockedUntil: new Date(this.#unlocked.until).toISOString() } : {}),
      state: this.#state,
      ...(this.#notice ? { notice: this.#notice } : {}),
    };
  }

  onChange(listener: StatusListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Runs `work` on a client of the current pool. A read (`retry`) that meets a dropped
   * connection runs once more on a new one: the database may have restarted. Writes are never
   * repeated; their error reaches the user, and what was staged stays staged in the renderer.
   */
  async withClient<T>(work: (client: pg.PoolClient) => Promise<T>, options: { retry: boolean }): Promise<T> {
    // A restart kills every pooled connection, but each idle one notices only when next used:
    // with one try per pooled connection plus one, the last try gets a fresh connection.
    const attempts = options.retry ? this.pool.options.max + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const client = await this.pool.connect();
        let broken: Error | undefined;
        try {
          const result = await work(client);
          this.#reached();
          return result;
        } catch (error) {
          if (isConnectionLost(error)) broken = error as Error;
          throw error;
        } finally {
          client.release(broken);
        }
      } catch (error) {
        if (!isConnectionLost(error)) throw error;
        this.#lost(error as Error);
        if (attempt >= attempts) {
          throw new ClairError({
            code: 'unavailable',
            message: `The connection to ${this.label} was lost (${(error as Error).message}); it is re-established on the next try`,
          });
        }
      }
    }
  }

  /**
   * Cancels the statement a backend of this session runs, from a connection of its own: when
   * every pooled connection is busy, one of them may be the statement to cancel.
   */
  async cancelBackend(pid: number): Promise<void> {
    const client = new pg.Client(this.pool.options);
    try {
      await client.connect();
      await client.query('SELECT pg_cancel_backend($1)', [pid]);
    } catch {
      // The statement then runs on until it ends or times out; the user's run already stopped waiting.
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Writes allowed for `durationMs` on a new writable connection; the caller checked the typed name. */
  async unlock(durationMs: number): Promise<void> {
    if (!this.base.readOnly) return;
    const connection = this.#unlocked?.connection ?? (await this.openWritable());
    if (this.#unlocked) clearTimeout(this.#unlocked.timer);
    else this.#watch(connection.pool);
    const timer = setTimeout(() => void this.lock(), durationMs);
    timer.unref();
    this.#unlocked = { connection, until: Date.now() + durationMs, timer };
    this.#notice = undefined;
    this.#changed();
  }

  /** Back to read-only now; a transaction still running on the writable connection finishes first. */
  async lock(): Promise<void> {
    const unlocked = this.#unlocked;
    if (!unlocked) return;
    this.#unlocked = undefined;
    clearTimeout(unlocked.timer);
    this.#changed();
    await unlocked.connection.close();
  }

  async close(): Promise<void> {
    await this.lock();
    this.#listeners.clear();
    await this.base.close();
  }

  #watch(pool: pg.Pool): void {
    // An idle client failing is how a restart or a dropped network shows while nobody queries.
    pool.on('error', (error) => this.#lost(error));
  }

  #lost(error: Error): void {
    this.#state = 'lost';
    this.#notice = `Connection lost: ${error.message}. It is re-established on the next use.`;
    this.#changed();
  }

  #reached(): void {
    if (this.#state === 'connected') return;
    this.#state = 'connected';
    this.#notice = 'Reconnected';
    this.#changed();
  }

  #changed(): void {
    const status = this.status();
    for (const listener of this.#listeners) listener(status);
  }
}

/** Unlocking lasts this long unless asked otherwise. */
export const DEFAULT_UNLOCK_MS = 10 * 60_000;

/** What a session is opened on: an environment's stack database, or a saved connection by name. */
export type SessionSource = { environment: string } | { connection: string };

/** The one source a request names; a request naming none or both is refused. */
export function sessionSource(request: DatabaseSource): SessionSource {
  const { environment, connection } = request;
  if (environment !== undefined && connection === undefined) return { environment };
  if (connection !== undefined && environment === undefined) return { connection };
  throw new ClairError({
    code: 'bad-request',
    message: 'Name either an environment or a saved connection (field environment or connection), not both or neither',
  });
}

/**
 * The control centre's database sessions: one per environment or saved connection, opened on
 * first use and kept, so that the schema tree, table tabs and the SQL editor share connections
 * and the unlock state. Production (and a connection saved read-only) starts read-only.
 */
export class DatabaseSessions {
  readonly #sessions = new Map<string, Promise<DatabaseSession>>();

  constructor(
    private readonly workspace: Workspace,
    private readonly savedConnections: SavedConnections,
    /** Where an environment's database really is, when not its stack's db service (tests). */
    private readonly targetFor?: (environment: string) => DatabaseTarget,
  ) {}

  /** The key a source's session is cached under; also names its SQL history file. */
  static keyOf(source: SessionSource): string {
    // No environment name holds a slash: environments are files.
    return 'environment' in source ? source.environment : `connection/${source.connection}`;
  }

  /**
   * The session a request names, opened on first use. Opening an environment's reads the
   * database of production or a remote swarm, so it asks for the environment's name first, as
   * every such action does (`confirm`).
   */
  async forRequest(request: DatabaseSource, confirm?: string): Promise<DatabaseSession> {
    const source = sessionSource(request);
    const opened = this.#sessions.get(DatabaseSessions.keyOf(source));
    if (opened) return opened;
    if (!('environment' in source)) return this.open(source);
    const { environment } = await this.workspace.open(source.environment);
    this.workspace.requireConfirmation('database-connect', environment, confirm);
    return this.open(source, environment);
  }

  /**
   * Closes an environment's session opened under another class than its env file now says (an
   * environment made production must start read-only, and ask for its name), so that the next
   * request opens it anew. Checked when the screen connects, not on every request.
   */
  async closeIfClassChanged(request: DatabaseSource): Promise<void> {
    const source = sessionSource(request);
    const key = DatabaseSessions.keyOf(source);
    const opened = await this.#sessions.get(key)?.catch(() => undefined);
    if (!opened?.environment || !('environment' in source)) return;
    const { environment } = await this.workspace.open(source.environment);
    if (environment.class !== opened.environment.class) await this.close(key);
  }

  /**
   * The session of a source, connecting on first use. A failed connect is not cached.
   * `environment`: the source's, when the caller has just read it.
   */
  open(source: SessionSource, environment?: Environment): Promise<DatabaseSession> {
    const key = DatabaseSessions.keyOf(source);
    let session = this.#sessions.get(key);
    if (!session) {
      session = this.#connect(key, source, environment);
      this.#sessions.set(key, session);
      session.catch(() => this.#sessions.delete(key));
    }
    return session;
  }

  async close(key: string): Promise<void> {
    const session = this.#sessions.get(key);
    this.#sessions.delete(key);
    await session?.then((s) => s.close()).catch(() => undefined);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.#sessions.keys()].map((key) => this.close(key)));
  }

  async #connect(key: string, source: SessionSource, known: Environment | undefined): Promise<DatabaseSession> {
    const { target, readOnly, environment } = await this.#resolve(source, known);
    const base = await connectDatabase(this.workspace, target, { readOnly });
    return new DatabaseSession(key, base, environment, () =>
      connectDatabase(this.workspace, target, { readOnly: false }),
    );
  }

  async #resolve(
    source: SessionSource,
    known: Environment | undefined,
  ): Promise<{ target: DatabaseTarget; readOnly: boolean; environment: Environment | undefined }> {
    if ('connection' in source) {
      const { connectionString, readOnly } = await this.savedConnections.get(source.connection);
      return { target: { connectionString }, readOnly, environment: undefined };
    }
    const environment = known ?? (await this.workspace.open(source.environment)).environment;
    return {
      target: this.targetFor?.(source.environment) ?? source,
      readOnly: environment.class === 'production',
      environment,
    };
  }
}
