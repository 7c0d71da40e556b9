import { readFileSync } from 'node:fs';

import { type Kysely, sql } from 'kysely';

import { openDatabase } from '../../database/connection';
import { DatabaseEnv } from '../../database/env';
import { pendingMigrations } from '../../database/migrate';
import type { Database } from '../../database/tables';
import { loadEnv } from '../../runtime/env';
import { openTaskQueue, TaskQueueEnv } from '../../runtime/task-queue';

/** `problem` fails the check; `info` is worth knowing but not wrong; `skipped` needs an earlier pass. */
export type CheckStatus = 'ok' | 'problem' | 'info' | 'skipped';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  detail: string;
  /** What to do about a problem or an info. */
  fix?: string;
}

// A sensor clock a few minutes fast is normal; more is a wrong clock or a decoder bug.
const clockSkewToleranceS = 300;

/** pg returns count(*) as a string: it is a bigint. */
const count = (value: string | number | bigint | null | undefined): number => Number(value ?? 0);
const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
/** loadEnv names each bad variable on a line of its own; a check reports on one line. */
const oneLine = (text: string): string => text.replace(/:\s*\n\s*/, ': ').replace(/\s*\n\s*/g, '; ');

/**
 * The platform's credentials, each of which may come from a docker secret as `X_FILE`. Only
 * these are checked: shells and images set unrelated `*_FILE` variables (SSL_CERT_FILE…).
 */
const secretVariables = ['DATABASE_URL', 'REDIS_URL', 'INGEST_TOKEN', 'MANAGAIR_SUPERUSER_PASSWORD', 'TTN_API_KEY'];

function checkSecretFiles(env: NodeJS.ProcessEnv): CheckResult[] {
  const files = secretVariables
    .map((name) => [`${name}_FILE`, env[`${name}_FILE`]] as const)
    .filter(([, path]) => path);
  if (!files.length) {
    return [
      {
        check: 'secret files',
        status: 'info',
        detail: 'no *_FILE variable is set; credentials are plain variables',
        fix: 'use docker secrets and *_FILE variables in production',
      },
    ];
  }
  return files.map(([key, path = '']): CheckResult => {
    try {
      return readFileSync(path, 'utf8').trim()
        ? { check: 'secret files', status: 'ok', detail: `${key} (${path}) is readable` }
        : {
            check: 'secret files',
            status: 'problem',
            detail: `${key} (${path}) is empty`,
            fix: 'write the secret into it',
          };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? messageOf(error);
      return {
        check: 'secret files',
        status: 'problem',
        detail: `${key}: cannot read ${path} (${code})`,
        fix: 'mount the docker secret there, or correct the path',
      };
    }
  });
}

function describeLocation(url: string): string {
  const { hostname, port, pathname } = new URL(url);
  return `${hostname}:${port || '5432'}${pathname}`;
}

async function checkDatabaseReachable(db: Kysely<Database>, url: string): Promise<CheckResult> {
  try {
    // "15.18 (Debian 15.18-0+deb12u1)": the number says enough.
    const { rows } = await sql<{ server_version: string }>`SHOW server_version`.execute(db);
    const version = rows[0]?.server_version.split(' ')[0] ?? '?';
    return {
      check: 'database',
      status: 'ok',
      detail: `PostgreSQL ${version} at ${describeLocation(url)}`,
    };
  } catch (error) {
    return {
      check: 'database',
      status: 'problem',
      detail: `cannot reach ${describeLocation(url)}: ${messageOf(error)}`,
      fix: 'is PostgreSQL running there, and are the database name and credentials in DATABASE_URL right?',
    };
  }
}

async function checkSchema(db: Kysely<Database>): Promise<CheckResult> {
  const pending = await pendingMigrations(db);
  return pending.length
    ? {
        check: 'schema',
        status: 'problem',
        detail: `${counted(pending.length, 'pending migration')}: ${pending.join(', ')}`,
        fix: 'run "managair migrate" (managair serve --mode api applies them when it starts)',
      }
    : { check: 'schema', status: 'ok', detail: 'current, no pending migrations' };
}

/** Facts about the data an operator should know; none of them fails the check. */
async function checkData(db: Kysely<Database>, nowS: number): Promise<CheckResult[]> {
  const superusers = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('is_superuser', '=', true)
    .where('is_active', '=', true)
    .executeTakeFirst();
  const nodes = await db
    .selectFrom('nodes')
    .leftJoin('node_fidelity', 'node_fidelity.node_id', 'nodes.id')
    .select((eb) => [
      eb.fn.countAll().as('all'),
      eb.fn.count('nodes.id').filterWhere('node_fidelity.node_id', 'is', null).as('unchecked'),
    ])
    .executeTakeFirst();
  const deadInstalled = await db
    .selectFrom('installations')
    .innerJoin('node_fidelity', 'node_fidelity.node_id', 'installations.node_id')
    .select((eb) => eb.fn.count('installations.node_id').distinct().as('n'))
    .where('node_fidelity.fidelity', '=', 'D')
    .where('installations.from_timestamp_s', '<=', nowS)
    .where('installations.to_timestamp_s', '>=', nowS)
    .executeTakeFirst();
  const futureSamples = await db
    .selectFrom('samples')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('timestamp_s', '>', nowS + clockSkewToleranceS)
    .executeTakeFirst();

  const unchecked = count(nodes?.unchecked);
  return [
    count(superusers?.n)
      ? { check: 'superusers', status: 'ok', detail: `${count(superusers?.n)} active` }
      : {
          check: 'superusers',
          status: 'info',
          detail: 'no active superuser',
          fix: 'create one with "managair createsuperuser"',
        },
    unchecked
      ? {
          check: 'node fidelity',
          status: 'info',
          detail: `${unchecked} of ${count(nodes?.all)} nodes never checked`,
          fix: "the worker's scheduled check-node-fidelity adds them; is the worker running?",
        }
      : { check: 'node fidelity', status: 'ok', detail: `all ${count(nodes?.all)} nodes checked` },
    count(deadInstalled?.n)
      ? {
          check: 'installed nodes',
          status: 'info',
          detail: `${counted(count(deadInstalled?.n), 'installed node')} DEAD (silent for over twice the lookback)`,
          fix: 'look at their power supply and LoRaWAN coverage',
        }
      : { check: 'installed nodes', status: 'ok', detail: 'none of them is DEAD' },
    count(futureSamples?.n)
      ? {
          check: 'sample times',
          status: 'info',
          detail: `${counted(count(futureSamples?.n), 'sample')} dated more than ${clockSkewToleranceS} s after now`,
          fix: "a sensor's or the forwarder's clock is wrong",
        }
      : { check: 'sample times', status: 'ok', detail: 'none dated in the future' },
  ];
}

async function checkRedis(env: NodeJS.ProcessEnv): Promise<CheckResult[]> {
  if (!env.REDIS_URL && !env.REDIS_URL_FILE) {
    return [
      {
        check: 'redis',
        status: 'skipped',
        detail: 'REDIS_URL is not set (only the worker and "managair enqueue" need it)',
      },
    ];
  }
  let queueEnv: TaskQueueEnv;
  try {
    queueEnv = loadEnv(TaskQueueEnv, env);
  } catch (error) {
    return [
      {
        check: 'redis',
        status: 'problem',
        detail: oneLine(messageOf(error)),
        fix: 'set REDIS_URL to redis://host:6379',
      },
    ];
  }
  const { hostname, port } = new URL(queueEnv.REDIS_URL);
  const location = `${hostname}:${port || '6379'}`;
  const queue = openTaskQueue(queueEnv.REDIS_URL, queueEnv.TASK_QUEUE);
  try {
    const schedule = (await queue.schedules()).find((s) => s.task === 'check-node-fidelity');
    return [
      { check: 'redis', status: 'ok', detail: `reachable at ${location}, queue ${queueEnv.TASK_QUEUE}` },
      schedule
        ? {
            check: 'fidelity schedule',
            status: 'ok',
            detail: `check-node-fidelity runs every ${schedule.everyMs / 1000} s`,
          }
        : {
            check: 'fidelity schedule',
            status: 'info',
            detail: 'check-node-fidelity is not scheduled',
            fix: 'the worker schedules it when it starts; is the worker running on this queue?',
          },
    ];
  } catch (error) {
    return [
      {
        check: 'redis',
        status: 'problem',
        detail: `cannot reach ${location}: ${messageOf(error)}`,
        fix: 'is Redis running there?',
      },
      { check: 'fidelity schedule', status: 'skipped', detail: 'needs Redis' },
    ];
  } finally {
    await queue.close();
  }
}

/**
 * Checks the configuration in `env` and the deployment it points at, in dependency order: a
 * check whose precondition failed is reported as skipped rather than failing a second time.
 */
export async function runDeploymentChecks(env: NodeJS.ProcessEnv, nowS: number): Promise<CheckResult[]> {
  const results = checkSecretFiles(env);
  const needs = (check: string, detail: string): CheckResult => ({ check, status: 'skipped', detail });
  let databaseUrl: string | undefined;
  try {
    databaseUrl = loadEnv(DatabaseEnv, env).DATABASE_URL;
    results.push({ check: 'environment', status: 'ok', detail: 'DATABASE_URL is a postgres:// URL' });
  } catch (error) {
    results.push({
      check: 'environment',
      status: 'problem',
      detail: oneLine(messageOf(error)),
      fix: 'set DATABASE_URL, or DATABASE_URL_FILE naming a docker secret, to postgres://user@host:5432/db',
    });
  }
  if (databaseUrl) {
    // A lost idle connection needs no report here: the query on it fails and says so.
    const database = openDatabase(databaseUrl, () => undefined, 1);
    try {
      const reachable = await checkDatabaseReachable(database.db, databaseUrl);
      results.push(reachable);
      const schema = reachable.status === 'ok' ? await checkSchema(database.db) : needs('schema', 'needs the database');
      results.push(schema);
      if (schema.status === 'ok') results.push(...(await checkData(database.db, nowS)));
      else results.push(needs('data', 'needs a current schema'));
    } finally {
      await database.close();
    }
  } else {
    results.push(needs('database', 'needs a valid DATABASE_URL'));
  }
  results.push(...(await checkRedis(env)));
  return results;
}
