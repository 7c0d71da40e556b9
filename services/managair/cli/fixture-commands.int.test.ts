import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createScratchDatabase } from '../../../tests/support/scratch-database';
import { createFixtureTestDatabase, type FixtureTestDatabase } from '../../fixtures/fixture-test-database';
import { captureIo } from './capture-io';
import { runManagair } from './run-managair';

const originals = join(import.meta.dirname, '../../fixtures/original');
const originalFiles = ['user-fixtures.json', 'inventory-fixtures.json', 'data-fixtures.json'].map((name) =>
  join(originals, name),
);

/** Every table with the columns that order it, to compare two databases row by row. */
const tables: [string, string[]][] = [
  ['users', ['id']],
  ['email_addresses', ['id']],
  ['organizations', ['id']],
  ['memberships', ['id']],
  ['addresses', ['id']],
  ['sites', ['id']],
  ['rooms', ['id']],
  ['quantities', ['id']],
  ['protocols', ['id']],
  ['node_models', ['id']],
  ['node_model_quantities', ['node_model_id', 'quantity_id']],
  ['nodes', ['id']],
  ['installations', ['id']],
  ['node_fidelity', ['node_id']],
  ['samples', ['node_id', 'timestamp_s']],
];

async function tableRows(test: FixtureTestDatabase, table: string, order: string[]): Promise<unknown[]> {
  // Timestamps as text, so that microseconds count in the comparison.
  await sql`SET TIME ZONE 'UTC'`.execute(test.database.db);
  const { rows } = await sql`
    SELECT to_jsonb(t) AS row FROM ${sql.table(table)} t
    ORDER BY ${sql.join(order.map((column) => sql.ref(column)))}`.execute(test.database.db);
  return rows;
}

async function managair(test: FixtureTestDatabase, args: string[], stdin = '') {
  const io = captureIo({ DATABASE_URL: test.url }, stdin);
  const code = await runManagair(args, io);
  return { code, output: io.output(), errors: io.errors() };
}

/** Beyond the originals: microseconds, coordinates, a fidelity row, a retired role. */
const extras = [
  {
    model: 'auth.user',
    pk: 8,
    fields: { username: 'mia', password: 'pbkdf2_sha256$1$x$y', last_login: '2021-03-04T05:06:07.123456Z' },
  },
  { model: 'core.membership', pk: 20, fields: { role: 'A', user: 8, organization: 1 } },
  {
    model: 'core.address',
    pk: 5,
    fields: { street1: 'Platz 1', zip: '10115', city: 'Berlin', latitude: 52.52, longitude: '13.405' },
  },
  {
    model: 'core.nodefidelity',
    pk: 'c727b2f8-8377-d4cb-0e95-ac03200b8c93',
    fields: { fidelity: 'E', last_contact_s: 1603580000, last_check_s: 1603580100 },
  },
];

describe('managair loaddata, dumpdata and sampledump2fixture', () => {
  let source: FixtureTestDatabase;
  let copy: FixtureTestDatabase;
  let dir: string;
  beforeAll(async () => {
    [source, copy] = await Promise.all([createFixtureTestDatabase(), createFixtureTestDatabase()]);
    dir = await mkdtemp(join(tmpdir(), 'clair-fixtures-'));
  });
  afterAll(async () => {
    await Promise.all([source.drop(), copy.drop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the original fixtures and reports per model', async () => {
    const { code, output } = await managair(source, ['loaddata', ...originalFiles]);
    expect(code).toBe(0);
    expect(output).toContain(`${originalFiles[0]}: 138 records in `);
    expect(output).toMatch(/ {2}auth\.permission +0 +0 +124\n/);
    expect(output).toMatch(/ {2}core\.node +9 +0 +0\n/);
    expect(output).toMatch(/ {2}core\.sample +3855 +0 +0\n/);
    expect(output).toMatch(/Loaded 3 fixture\(s\) in \d+\.\d\d s\n$/);
  });

  it('loads from stdin', async () => {
    const { code, output } = await managair(source, ['loaddata', '-'], JSON.stringify(extras));
    expect(code).toBe(0);
    expect(output).toMatch(/^stdin: 4 records in /);
    const mia = await source.database.db
      .selectFrom('memberships')
      .select('role')
      .where('id', '=', '20')
      .executeTakeFirstOrThrow();
    expect(mia.role).toBe('I');
  });

  it('names the lines of broken JSON on stdin, which cannot be read twice', async () => {
    const { code, errors } = await managair(source, ['loaddata', '-'], '[\n{"model": "core.quantity",\n"pk": 9,,\n');
    expect(code).toBe(1);
    expect(errors).toBe(
      'managair loaddata: stdin: invalid JSON in lines 1–4: expected an object key; nothing of it was loaded\n',
    );
  });

  it('dumps everything, and loading the dump into an empty database reproduces every table', async () => {
    const dump = join(dir, 'all.json');
    const dumped = await managair(source, ['dumpdata', '--output', dump]);
    expect(dumped.code).toBe(0);
    expect(dumped.output).toBe('');
    expect(dumped.errors).toMatch(/^Dumped auth\.user 8, account\.emailaddress 6, .*core\.sample 3855\n$/);

    const loaded = await managair(copy, ['loaddata', dump]);
    expect(loaded.code).toBe(0);
    for (const [table, order] of tables) {
      const [expected, actual] = await Promise.all([tableRows(source, table, order), tableRows(copy, table, order)]);
      expect(actual, table).toEqual(expected);
    }
    expect((await tableRows(copy, 'samples', ['node_id', 'timestamp_s'])).length).toBe(3855);
  });

  it('dumps selected models to stdout in dependency order, samples without a pk', async () => {
    const { code, output } = await managair(source, ['dumpdata', 'core.node', 'core.organization']);
    expect(code).toBe(0);
    const records = JSON.parse(output) as { model: string }[];
    expect(records.map((r) => r.model)).toEqual([
      ...Array<string>(3).fill('core.organization'),
      ...Array<string>(9).fill('core.node'),
    ]);
    const samples = await managair(source, ['dumpdata', 'core.sample']);
    const first = (JSON.parse(samples.output) as object[])[0];
    expect(first).toEqual({
      model: 'core.sample',
      fields: expect.objectContaining({ timestamp_s: expect.any(Number) }) as object,
    });
  });

  it('refuses an unknown model name', async () => {
    const { code, errors } = await managair(source, ['dumpdata', 'core.gizmo']);
    expect(code).toBe(1);
    expect(errors).toMatch(/unknown model "core\.gizmo"/);
  });

  it('converts a Flask-era mongo export into samples that load by their key', async () => {
    // Clairchen Rot's legacy id 19251485-09ad-82f7-4321-c52f8b9a2c39 (original-clair.md §4.3), base64.
    const nodeRef = Buffer.from('1925148509ad82f74321c52f8b9a2c39', 'hex').toString('base64');
    const line = (timestamp: number, extra: object = {}) =>
      JSON.stringify({
        _id: { $oid: '5f7f1c2e9d1e8a0001a1b2c3' },
        node_ref: { $binary: { base64: nodeRef, subType: '03' } },
        timestamp_s: { $numberLong: String(timestamp) },
        co2_ppm: { $numberInt: '612' },
        ...extra,
      });
    const exported = [
      line(1601653724, { temperature_celsius: { $numberInt: '25' }, rel_humidity_percent: { $numberInt: '41' } }),
      line(1500000000, { temperature_celsius: { $numberDouble: '21.45' } }),
    ].join('\n');
    const fixture = join(dir, 'mongo.json');
    const converted = await managair(source, ['sampledump2fixture', '-', '--output', fixture], `${exported}\n`);
    expect(converted.code).toBe(0);
    expect(converted.errors).toBe('Converted 2 samples\n');
    expect(JSON.parse(await readFile(fixture, 'utf8'))).toEqual([
      {
        model: 'core.sample',
        fields: {
          node: 'c727b2f8-8377-d4cb-0e95-ac03200b8c93',
          timestamp_s: 1601653724,
          co2_ppm: 612,
          measurement_status: 'M',
          temperature_celsius: '25',
          rel_humidity_percent: 41,
        },
      },
      {
        model: 'core.sample',
        fields: {
          node: 'c727b2f8-8377-d4cb-0e95-ac03200b8c93',
          timestamp_s: 1500000000,
          co2_ppm: 612,
          measurement_status: 'M',
          temperature_celsius: '21.45',
        },
      },
    ]);

    // 1601653724 is already stored by data-fixtures.json: skipped, never overwritten (§8.9).
    const stored = await source.database.db
      .selectFrom('samples')
      .select('co2_ppm')
      .where('node_id', '=', 'c727b2f8-8377-d4cb-0e95-ac03200b8c93')
      .where('timestamp_s', '=', 1601653724)
      .executeTakeFirstOrThrow();
    const loaded = await managair(source, ['loaddata', fixture]);
    expect(loaded.code).toBe(0);
    expect(loaded.output).toMatch(/ {2}core\.sample +1 +1 +0\n/);
    const after = await source.database.db
      .selectFrom('samples')
      .select(['timestamp_s', 'co2_ppm', 'temperature_celsius'])
      .where('node_id', '=', 'c727b2f8-8377-d4cb-0e95-ac03200b8c93')
      .where('timestamp_s', 'in', [1601653724, 1500000000])
      .orderBy('timestamp_s')
      .execute();
    expect(after).toEqual([
      { timestamp_s: 1500000000, co2_ppm: 612, temperature_celsius: '21.5' },
      { timestamp_s: 1601653724, co2_ppm: stored.co2_ppm, temperature_celsius: '25.0' },
    ]);
  });

  it('names the line of an export it cannot convert', async () => {
    const unknownNode = JSON.stringify({
      node_ref: { $binary: { base64: Buffer.alloc(16).toString('base64'), subType: '03' } },
      timestamp_s: { $numberLong: '1' },
      co2_ppm: { $numberInt: '1' },
    });
    const { code, errors } = await managair(source, ['sampledump2fixture'], `\n${unknownNode}\n`);
    expect(code).toBe(1);
    expect(errors).toMatch(
      /^managair sampledump2fixture: line 2: node_ref: 00000000-0000-0000-0000-000000000000 is no known device's legacy id/,
    );
  });

  it('refuses to load into a database whose schema is not current', async () => {
    const empty = await createScratchDatabase();
    try {
      const io = captureIo({ DATABASE_URL: empty.url });
      expect(await runManagair(['loaddata', originalFiles[0]!], io)).toBe(1);
      expect(io.errors()).toBe('managair loaddata: the database schema is not current (run managair migrate first)\n');
    } finally {
      await empty.drop();
    }
  });

  it('writes nothing to a file it could not open', async () => {
    const { code, errors } = await managair(source, ['dumpdata', '--output', join(dir, 'missing', 'x.json')]);
    expect(code).toBe(1);
    expect(errors).toMatch(/ENOENT/);
  });
});
