import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import pg from 'pg';

import { ClairError } from '../../contract';
import type { Environment } from '../environments/load-environment';
import type { Workspace } from '../workspace/workspace';
import { DockerExecSocket, findServiceContainer } from './docker-exec-bridge';

export type DatabaseTarget = { environment: string } | { connectionString: string };

export interface DatabaseConnection {
  /** Clients reach the db through the docker exec bridge when the target is an environment. */
  pool: pg.Pool;
  /** Enforced by PostgreSQL: every session starts with default_transaction_read_only on. */
  readOnly: boolean;
  /** What it is connected to, never a password. */
  label: string;
  close(): Promise<void>;
}

/**
 * An environment's database, opened for one request (fixture import, recovery); tests point it
 * at a scratch database.
 */
export type OpenEnvironmentDatabase = (
  environment: string,
  options: { readOnly: boolean },
) => Promise<DatabaseConnection>;

/** Runs `work` on the environment's database and closes the connection whatever happens. */
export async function withEnvironmentDatabase<T>(
  open: OpenEnvironmentDatabase,
  environment: string,
  options: { readOnly: boolean },
  work: (database: DatabaseConnection) => Promise<T>,
): Promise<T> {
  const database = await open(environment, options);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** The stack service PostgreSQL runs as (stack-templates/docker-compose.yml). */
export const DB_SERVICE = 'db';
const DATABASE_URL_VARIABLE = 'DATABASE_URL_FILE';
/** Relative *_FILE paths of an environment are relative to the templates' folder, as the stack reads them. */
const TEMPLATES_DIR = 'stack-templates';
const POOL_SIZE = 4;

/**
 * A pool of connections to a PostgreSQL database: a plain connection string, or the `db` service
 * of an environment's stack reached through its docker context without any published port.
 *
 * Read-only is a startup parameter of every session (`-c default_transaction_read_only=on`),
 * so it holds for every client the pool ever opens, reconnections included, and is checked
 * against the server before this returns.
 */
export async function connectDatabase(
  workspace: Workspace,
  target: DatabaseTarget,
  options: { readOnly: boolean },
): Promise<DatabaseConnection> {
  const { config, label } =
    'environment' in target ? await environmentConfig(workspace, target.environment) : connectionStringConfig(target);
  const pool = new pg.Pool({
    ...config,
    max: POOL_SIZE,
    application_name: 'clair-control-centre',
    ...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // pg drops a client that fails while idle and opens a new one on the next checkout, which is
  // the reconnection; database-sessions listens too and tells the user. A client that fails while
  // checked out emits 'error' itself, fatal without a listener: it is passed on to the pool's.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', (error) => pool.emit('error', error, client)));
  try {
    const { rows } = await pool.query<{ read_only: string }>(
      `SELECT current_setting('default_transaction_read_only') AS read_only`,
    );
    const readOnly = rows[0]?.read_only === 'on';
    if (readOnly !== options.readOnly) throw new Error(`the server reports read-only ${rows[0]?.read_only}`);
    return { pool, readOnly, label, close: () => pool.end() };
  } catch (error) {
    await pool.end().catch(() => undefined);
    // pg's messages name the user and the database, never the password.
    throw new ClairError({
      code: 'unavailable',
      message: `Cannot connect to ${label}: ${(error as Error).message}`,
    });
  }
}

function connectionStringConfig(target: { connectionString: string }): { config: pg.PoolConfig; label: string } {
  const url = parsePostgresUrl(target.connectionString, 'The connection string');
  return { config: { connectionString: target.connectionString }, label: labelOf(url) };
}

async function environmentConfig(
  workspace: Workspace,
  name: string,
): Promise<{ config: pg.PoolConfig; label: string }> {
  const { environment } = await workspace.open(name);
  const url = await databaseUrlOf(workspace, environment);
  const docker = await workspace.docker(environment);
  const findContainer = () => findServiceContainer(docker, environment.stackName, DB_SERVICE);
  return {
    config: {
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: decodeURIComponent(url.pathname.slice(1)),
      // Every connection is its own exec into the db task, found anew so that a restarted task is reached.
      stream: () => new DockerExecSocket(findContainer),
    },
    label: `${environment.name} (${decodeURIComponent(url.username)}@${environment.stackName}_${DB_SERVICE}/${decodeURIComponent(url.pathname.slice(1))})`,
  };
}

/** The URL in the environment's DATABASE_URL_FILE, the one the stack's services use. */
async function databaseUrlOf(workspace: Workspace, environment: Environment): Promise<URL> {
  const value = environment.variables[DATABASE_URL_VARIABLE];
  const line = environment.variableLines[DATABASE_URL_VARIABLE];
  const where = `${environment.file}${line ? `:${line}` : ''}`;
  if (!value) {
    throw new ClairError({
      code: 'bad-request',
      message: `${environment.name} has no ${DATABASE_URL_VARIABLE}: set it in ${environment.file} to the file holding postgres://USER:PASSWORD@db:5432/DB`,
    });
  }
  const path = resolve(workspace.root, TEMPLATES_DIR, value);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ClairError({
      code: 'bad-request',
      message: `${DATABASE_URL_VARIABLE} (${where}) names ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    });
  }
  return parsePostgresUrl(text.trim(), `The file ${path} (${DATABASE_URL_VARIABLE}, ${where})`);
}

/** Parses without ever echoing the text: it holds a password. */
export function parsePostgresUrl(text: string, what: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !['postgres:', 'postgresql:'].includes(url.protocol) || url.pathname.length < 2) {
    throw new ClairError({
      code: 'bad-request',
      message: `${what} does not hold a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL`,
    });
  }
  return url;
}

/** user@host:port/database: what a URL reaches, without its password. */
export function labelOf(url: URL): string {
  const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
  return `${user}${url.hostname}${url.port ? `:${url.port}` : ''}/${decodeURIComponent(url.pathname.slice(1))}`;
}
