import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createScratchDatabase, type ScratchDatabase } from '../../tests/support/scratch-database';
import { type DatabaseHandle, openDatabase } from './connection';
import { migrateToLatest } from './migrate';
import type { Database } from './tables';

const nodeA = 'c727b2f8-8377-d4cb-0e95-ac03200b8c93';
const nodeB = '3b95a1b2-74e7-9e98-52c4-4acae441f0ae';
const ongoing = 2147483647;

let scratch: ScratchDatabase;
let handle: DatabaseHandle;
let db: Kysely<Database>;

/** Runs `work` in a transaction that is always rolled back, so each case starts from the seed. */
async function attempt(work: (trx: Kysely<Database>) => Promise<unknown>): Promise<string> {
  try {
    await db.transaction().execute(async (trx) => {
      await work(trx);
      throw new Error('rolled back');
    });
  } catch (error) {
    return (error as Error).message;
  }
  return 'committed';
}

// The seed uses explicit ids, as fixtures do; the cases give theirs too, so that a refusal comes
// from the constraint under test and not from the identity sequence.
beforeAll(async () => {
  scratch = await createScratchDatabase();
  handle = openDatabase(scratch.url, () => undefined);
  db = handle.db;
  await migrateToLatest(db);
  await db
    .insertInto('organizations')
    .values([
      { id: 1, name: 'Test-Team' },
      { id: 2, name: 'Versuchsverbund' },
    ])
    .execute();
  await db.insertInto('users').values({ id: 1, username: 'tom', password: 'x' }).execute();
  await db
    .insertInto('addresses')
    .values({ id: 1, street1: 'Teststraße 1', zip: '12345', city: 'Teststadt' })
    .execute();
  await db
    .insertInto('sites')
    .values([
      { id: 1, name: 'Site 1', address_id: 1, operator_id: 1 },
      { id: 2, name: 'Site 2', address_id: 1, operator_id: 2 },
    ])
    .execute();
  await db
    .insertInto('rooms')
    .values([
      { id: 1, name: 'Raum 1', site_id: 1 },
      { id: 2, name: 'Raum 2', site_id: 2 },
    ])
    .execute();
  await db.insertInto('protocols').values({ id: 1, identifier: 'CLAIRCHENPROT_V01' }).execute();
  await db
    .insertInto('node_models')
    .values({ id: 1, name: 'M1', trade_name: 't', manufacturer: 'm', sensor_type: 's' })
    .execute();
  await db
    .insertInto('nodes')
    .values([
      { id: nodeA, eui64: '9876B600001193E0', alias: 'Rot', protocol_id: 1, model_id: 1, owner_id: 1 },
      { id: nodeB, eui64: '003CB7EA62A7DCBB', alias: 'Schwarz', protocol_id: 1, model_id: 1, owner_id: 2 },
    ])
    .execute();
  await db.insertInto('installations').values({ node_id: nodeA, room_id: 1, from_timestamp_s: 1000 }).execute();
});

afterAll(async () => {
  await handle.close();
  await scratch.drop();
});

describe('the schema refuses what the original let through', () => {
  it('overlapping installations of one node, even when open-ended', async () => {
    expect(
      await attempt((t) =>
        t.insertInto('installations').values({ node_id: nodeA, room_id: 1, from_timestamp_s: 5000 }).execute(),
      ),
    ).toMatch(/installations_do_not_overlap/);
  });

  it('but not consecutive ones, once the first has ended', async () => {
    expect(
      await attempt(async (t) => {
        await t.updateTable('installations').set({ to_timestamp_s: 4999 }).where('node_id', '=', nodeA).execute();
        await t.insertInto('installations').values({ node_id: nodeA, room_id: 1, from_timestamp_s: 5000 }).execute();
      }),
    ).toBe('rolled back');
  });

  it('an installation whose period ends before it starts', async () => {
    expect(
      await attempt((t) =>
        t
          .insertInto('installations')
          .values({ node_id: nodeB, room_id: 2, from_timestamp_s: 10, to_timestamp_s: 5 })
          .execute(),
      ),
    ).toMatch(/installation_period_ordered/);
  });

  it("a node installed in another organization's room", async () => {
    expect(
      await attempt((t) =>
        t.insertInto('installations').values({ node_id: nodeB, room_id: 1, from_timestamp_s: 1 }).execute(),
      ),
    ).toMatch(/must have the same owner/);
  });

  it('a node changing owner while installed, and a site changing operator', async () => {
    expect(await attempt((t) => t.updateTable('nodes').set({ owner_id: 2 }).where('id', '=', nodeA).execute())).toMatch(
      /same owner/,
    );
    expect(
      await attempt((t) => t.updateTable('sites').set({ operator_id: 2 }).where('id', '=', '1').execute()),
    ).toMatch(/same owner/);
  });

  it('the same device twice, whatever the case of its EUI', async () => {
    const twin = {
      id: 'f40f528b-9d0e-c2be-38fc-962f8757e531',
      eui64: '9876b600001193e0',
      alias: 'x',
      protocol_id: 1,
      model_id: 1,
      owner_id: 1,
    };
    expect(await attempt((t) => t.insertInto('nodes').values(twin).execute())).toMatch(/nodes_eui64_unique/);
  });
});

describe('the constraints kept from the original', () => {
  const sample = {
    node_id: nodeA,
    timestamp_s: 1_600_000_000,
    co2_ppm: 600,
    temperature_celsius: '21.5',
    rel_humidity_percent: 40,
  };

  it.each([
    ['co2 above 10000 ppm', { co2_ppm: 10001 }, /co2_in_range/],
    ['negative co2', { co2_ppm: -1 }, /co2_in_range/],
    ['temperature below -20 °C', { temperature_celsius: '-20.1' }, /temperature_in_range/],
    ['temperature above 40 °C', { temperature_celsius: '40.1' }, /temperature_in_range/],
    ['humidity above 100 %', { rel_humidity_percent: 101 }, /rel_humidity_in_range/],
    ['an unknown measurement status', { measurement_status: 'X' as never }, /measurement_status_check/],
    ['a negative timestamp', { timestamp_s: -1 }, /timestamp_s_check/],
    ['a sample of an unknown node', { node_id: '00000000-0000-0000-0000-000000000000' }, /foreign key/],
  ])('samples: %s is refused', async (_name, change, error) => {
    expect(
      await attempt((t) =>
        t
          .insertInto('samples')
          .values({ ...sample, ...change })
          .execute(),
      ),
    ).toMatch(error);
  });

  it('samples: the bounds themselves are accepted, and (node, time) is unique', async () => {
    expect(
      await attempt(async (t) => {
        await t
          .insertInto('samples')
          .values({ ...sample, co2_ppm: 10000, temperature_celsius: '-20.0', rel_humidity_percent: 100 })
          .execute();
        await t
          .insertInto('samples')
          .values({ ...sample, timestamp_s: 1, temperature_celsius: '40.0', rel_humidity_percent: 0 })
          .execute();
        await t.insertInto('samples').values(sample).execute();
      }),
    ).toMatch(/unique_sampling_times_per_node/);
  });

  it.each([
    [
      'two organizations of one name',
      (t: Kysely<Database>) => t.insertInto('organizations').values({ id: 99, name: 'Test-Team' }).execute(),
      /unique_org_name/,
    ],
    [
      'two memberships of one user in one organization',
      async (t: Kysely<Database>) => {
        await t.insertInto('memberships').values({ user_id: 1, organization_id: 1, role: 'O' }).execute();
        await t.insertInto('memberships').values({ user_id: 1, organization_id: 1 }).execute();
      },
      /unique_membership/,
    ],
    [
      'a role other than owner or inspector',
      (t: Kysely<Database>) =>
        t
          .insertInto('memberships')
          .values({ user_id: 1, organization_id: 1, role: 'A' as never })
          .execute(),
      /memberships_role_check/,
    ],
    [
      'two sites of one name in one organization',
      (t: Kysely<Database>) =>
        t.insertInto('sites').values({ id: 99, name: 'Site 1', address_id: 1, operator_id: 1 }).execute(),
      /unique_site_per_organization/,
    ],
    [
      'two rooms of one name in one site',
      (t: Kysely<Database>) => t.insertInto('rooms').values({ id: 99, name: 'Raum 1', site_id: 1 }).execute(),
      /unique_room_per_site/,
    ],
    [
      'two installations of a node starting together',
      (t: Kysely<Database>) =>
        t
          .insertInto('installations')
          .values({ node_id: nodeA, room_id: 1, from_timestamp_s: 1000, to_timestamp_s: 1000 })
          .execute(),
      /unique_node_installation|installations_do_not_overlap/,
    ],
    [
      'deleting an address a site uses',
      (t: Kysely<Database>) => t.deleteFrom('addresses').where('id', '=', '1').execute(),
      /foreign key/,
    ],
    [
      'deleting a protocol nodes use',
      (t: Kysely<Database>) => t.deleteFrom('protocols').where('id', '=', '1').execute(),
      /foreign key/,
    ],
    [
      'a fidelity other than U, E, M, D',
      (t: Kysely<Database>) =>
        t
          .insertInto('node_fidelity')
          .values({ node_id: nodeA, fidelity: 'X' as never, last_check_s: 1 })
          .execute(),
      /node_fidelity_fidelity_check/,
    ],
  ])('%s is refused', async (_name, work, error) => {
    expect(await attempt(work)).toMatch(error);
  });

  it('deleting an organization deletes its sites, rooms, nodes, installations and samples', async () => {
    const left = await attempt(async (t) => {
      await t.insertInto('samples').values(sample).execute();
      await t.deleteFrom('organizations').where('id', '=', '1').execute();
      const counts = await sql<{ n: string }>`
        SELECT (SELECT count(*) FROM sites WHERE operator_id = 1) + (SELECT count(*) FROM rooms WHERE site_id = 1)
             + (SELECT count(*) FROM nodes WHERE owner_id = 1) + (SELECT count(*) FROM installations)
             + (SELECT count(*) FROM samples) AS n`.execute(t);
      throw new Error(`left ${counts.rows[0]?.n}`);
    });
    expect(left).toBe('left 0');
  });

  it('an open-ended installation defaults to the end of 2^31 - 1', async () => {
    const row = await db
      .selectFrom('installations')
      .select('to_timestamp_s')
      .where('node_id', '=', nodeA)
      .executeTakeFirstOrThrow();
    expect(row.to_timestamp_s).toBe(ongoing);
  });
});
