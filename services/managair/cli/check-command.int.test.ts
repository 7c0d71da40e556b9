import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../../tests/support/context';
import { createScratchDatabase, type ScratchDatabase } from '../../../tests/support/scratch-database';
import { type DatabaseHandle, openDatabase } from '../../database/connection';
import { migrateToLatest } from '../../database/migrate';
import { insertTestInventory } from '../../database/test-inventory';
import { openTaskQueue } from '../../runtime/task-queue';
import { captureIo } from './capture-io';
import { runManagair } from './run-managair';

function secretFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'clair-check-')), 'secret');
  writeFileSync(file, content);
  return file;
}

async function check(env: NodeJS.ProcessEnv): Promise<{ code: number; lines: string[] }> {
  const io = captureIo(env);
  const code = await runManagair(['check'], io);
  return { code, lines: io.output().trimEnd().split('\n') };
}

describe('managair check', () => {
  const { CLAIR_REDIS_URL } = testEnvironment();
  // A queue of its own, so that no other test's schedule shows up here.
  const TASK_QUEUE = `clair-test-${randomUUID()}`;
  let healthy: ScratchDatabase;
  let unmigrated: ScratchDatabase;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    [healthy, unmigrated] = await Promise.all([createScratchDatabase(), createScratchDatabase()]);
    handle = openDatabase(healthy.url, () => undefined);
    await migrateToLatest(handle.db);
  });
  afterAll(async () => {
    await handle.close();
    await Promise.all([healthy.drop(), unmigrated.drop()]);
    const queue = new Queue(TASK_QUEUE, { connection: { url: CLAIR_REDIS_URL } });
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('passes a healthy deployment, reading DATABASE_URL from its secret file', async () => {
    const urlFile = secretFile(`${healthy.url}\n`);
    const { code, lines } = await check({ DATABASE_URL_FILE: urlFile, REDIS_URL: CLAIR_REDIS_URL, TASK_QUEUE });
    expect(lines).toEqual([
      `ok      secret files: DATABASE_URL_FILE (${urlFile}) is readable`,
      'ok      environment: DATABASE_URL is a postgres:// URL',
      expect.stringMatching(/^ok {6}database: PostgreSQL 15\.\d+ at 127\.0\.0\.1:\d+\/clair_scratch_\w+$/),
      'ok      schema: current, no pending migrations',
      'info    superusers: no active superuser → create one with "managair createsuperuser"',
      'ok      node fidelity: all 0 nodes checked',
      'ok      installed nodes: none of them is DEAD',
      'ok      sample times: none dated in the future',
      expect.stringMatching(new RegExp(`^ok {6}redis: reachable at 127\\.0\\.0\\.1:\\d+, queue ${TASK_QUEUE}$`)),
      'info    fidelity schedule: check-node-fidelity is not scheduled → the worker schedules it when it starts; is the worker running on this queue?',
      'No problems found.',
    ]);
    expect(code).toBe(0);
  });

  it('reports what the data says: unchecked nodes, dead installed nodes, samples from the future', async () => {
    const nowS = Math.floor(Date.now() / 1000);
    const queue = openTaskQueue(CLAIR_REDIS_URL, TASK_QUEUE);
    await queue.schedule('check-node-fidelity', { lookbackSeconds: 7200 }, 600_000);
    await queue.close();
    const { db } = handle;
    const [dead, unchecked] = [randomUUID(), randomUUID()];
    const { organizationId } = await insertTestInventory(db, 'Schule', [{ id: dead }, { id: unchecked }]);
    const address = await db
      .insertInto('addresses')
      .values({ street1: 'Hauptstr. 1', zip: '10115', city: 'Berlin' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const site = await db
      .insertInto('sites')
      .values({ name: 'Gebäude A', address_id: address.id, operator_id: organizationId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const room = await db
      .insertInto('rooms')
      .values({ name: '1.01', site_id: site.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('installations')
      .values({ node_id: dead, room_id: room.id, from_timestamp_s: nowS - 86_400, to_timestamp_s: nowS + 86_400 })
      .execute();
    await db
      .insertInto('node_fidelity')
      .values({ node_id: dead, fidelity: 'D', last_contact_s: nowS - 86_400, last_check_s: nowS })
      .execute();
    await db
      .insertInto('samples')
      .values({ node_id: unchecked, timestamp_s: nowS + 3_600, co2_ppm: 420 })
      .execute();

    const { code, lines } = await check({ DATABASE_URL: healthy.url, REDIS_URL: CLAIR_REDIS_URL, TASK_QUEUE });
    expect(lines).toEqual(
      expect.arrayContaining([
        "info    node fidelity: 1 of 2 nodes never checked → the worker's scheduled check-node-fidelity adds them; is the worker running?",
        'info    installed nodes: 1 installed node DEAD (silent for over twice the lookback) → look at their power supply and LoRaWAN coverage',
        "info    sample times: 1 sample dated more than 300 s after now → a sensor's or the forwarder's clock is wrong",
        'ok      fidelity schedule: check-node-fidelity runs every 600 s',
      ]),
    );
    expect(code).toBe(0);
  });

  it('names the pending migration of an unmigrated database and fails', async () => {
    const { code, lines } = await check({ DATABASE_URL: unmigrated.url });
    expect(lines).toEqual(
      expect.arrayContaining([
        'problem schema: 3 pending migrations: 0001-initial-schema, 0002-accounts, 0003-sample-hours → run "managair migrate" (managair serve --mode api applies them when it starts)',
        'skipped data: needs a current schema',
        'skipped redis: REDIS_URL is not set (only the worker and "managair enqueue" need it)',
        '1 problem found.',
      ]),
    );
    expect(code).toBe(1);
  });

  it('reports a database that does not exist and an unreachable Redis, without echoing credentials', async () => {
    const url = new URL(healthy.url);
    url.pathname = '/clair_no_such_database';
    const { code, lines } = await check({ DATABASE_URL: url.toString(), REDIS_URL: 'redis://:hunter2@127.0.0.1:1' });
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^problem database: cannot reach 127\.0\.0\.1:\d+\/clair_no_such_database: database "clair_no_such_database" does not exist → /,
        ),
        'skipped schema: needs the database',
        expect.stringMatching(/^problem redis: cannot reach 127\.0\.0\.1:1: .*ECONNREFUSED/),
        'skipped fidelity schedule: needs Redis',
        '2 problems found.',
      ]),
    );
    expect(lines.join('\n')).not.toContain(url.password);
    expect(lines.join('\n')).not.toContain('hunter2');
    expect(code).toBe(1);
  });

  it('reports an unreadable secret file and a missing DATABASE_URL', async () => {
    const { code, lines } = await check({ INGEST_TOKEN_FILE: '/nonexistent/ingest_token', SSL_CERT_FILE: '/not/ours' });
    expect(lines.slice(0, 3)).toEqual([
      'problem secret files: INGEST_TOKEN_FILE: cannot read /nonexistent/ingest_token (ENOENT) → mount the docker secret there, or correct the path',
      expect.stringMatching(/^problem environment: Invalid environment: DATABASE_URL: .* → set DATABASE_URL/),
      'skipped database: needs a valid DATABASE_URL',
    ]);
    expect(code).toBe(1);
  });
});
