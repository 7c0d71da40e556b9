import { type Kysely, sql } from 'kysely';

/**
 * sample_hours: per node and UTC hour, the count, sum, minimum and maximum of each quantity of the
 * samples in that hour. Hourly and daily series read one row per hour instead of aggregating every
 * sample (issue 5, point 8: a year of 5-minute samples is 105,120 samples but 8,760 hours).
 *
 * Sums and counts rather than means, so that hours combine into days and with the partial hours
 * at a range's ends. The sums are exact (bigint for the smallint quantities, numeric for
 * temperature): sum / count is then the very numeric division avg() performs, so a mean read from
 * here is the same number as avg over the samples, not merely close. co2_ppm is NOT NULL, so its
 * count is sample_count. An hour without samples has no row.
 *
 * The database keeps the table itself, so no writer can forget it: statement-level AFTER triggers
 * with transition tables, one statement per write whatever the batch size.
 * - INSERT adds the inserted rows' aggregates to their hours. This covers COPY, and INSERT … ON
 *   CONFLICT DO NOTHING (ingest, the fixture loader), whose transition table holds only the rows
 *   actually inserted. Rows go in key order, so concurrent writers lock the hours they share in
 *   one order and cannot deadlock.
 * - DELETE and UPDATE recompute the hours they touched from samples, since a minimum or maximum
 *   cannot be subtracted. Nothing in Clair updates samples; the trigger is there so that a manual
 *   correction does not leave the rollup stale.
 * - TRUNCATE empties the table. Deleting a node takes its hours along through the foreign key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Every new sample updates its hour's row in place; the free space lets that stay a HOT update
  // on the same page instead of a new index entry.
  await sql`
    CREATE TABLE sample_hours (
      node_id uuid NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
      hour_s integer NOT NULL,
      sample_count integer NOT NULL,
      co2_sum bigint NOT NULL,
      co2_min smallint NOT NULL,
      co2_max smallint NOT NULL,
      temperature_count integer NOT NULL,
      temperature_sum numeric NOT NULL,
      temperature_min numeric(3, 1),
      temperature_max numeric(3, 1),
      humidity_count integer NOT NULL,
      humidity_sum bigint NOT NULL,
      humidity_min smallint,
      humidity_max smallint,
      PRIMARY KEY (node_id, hour_s)
    ) WITH (fillfactor = 80)`.execute(db);

  const columns = sql.raw(`node_id, hour_s, sample_count, co2_sum, co2_min, co2_max,
    temperature_count, temperature_sum, temperature_min, temperature_max,
    humidity_count, humidity_sum, humidity_min, humidity_max`);
  /** The rows of sample_hours for the samples `s` of a FROM … [WHERE …] body, in key order. */
  const hoursOf = (source: string) => sql`
    SELECT s.node_id, s.timestamp_s - s.timestamp_s % 3600, count(*),
      sum(s.co2_ppm), min(s.co2_ppm), max(s.co2_ppm),
      count(s.temperature_celsius), coalesce(sum(s.temperature_celsius), 0),
      min(s.temperature_celsius), max(s.temperature_celsius),
      count(s.rel_humidity_percent), coalesce(sum(s.rel_humidity_percent), 0),
      min(s.rel_humidity_percent), max(s.rel_humidity_percent)
    FROM ${sql.raw(source)}
    GROUP BY 1, 2
    ORDER BY 1, 2`;

  await sql`
    CREATE FUNCTION sample_hours_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO sample_hours (${columns}) ${hoursOf('inserted_samples s')}
      ON CONFLICT (node_id, hour_s) DO UPDATE SET
        sample_count = sample_hours.sample_count + EXCLUDED.sample_count,
        co2_sum = sample_hours.co2_sum + EXCLUDED.co2_sum,
        co2_min = least(sample_hours.co2_min, EXCLUDED.co2_min),
        co2_max = greatest(sample_hours.co2_max, EXCLUDED.co2_max),
        temperature_count = sample_hours.temperature_count + EXCLUDED.temperature_count,
        temperature_sum = sample_hours.temperature_sum + EXCLUDED.temperature_sum,
        temperature_min = least(sample_hours.temperature_min, EXCLUDED.temperature_min),
        temperature_max = greatest(sample_hours.temperature_max, EXCLUDED.temperature_max),
        humidity_count = sample_hours.humidity_count + EXCLUDED.humidity_count,
        humidity_sum = sample_hours.humidity_sum + EXCLUDED.humidity_sum,
        humidity_min = least(sample_hours.humidity_min, EXCLUDED.humidity_min),
        humidity_max = greatest(sample_hours.humidity_max, EXCLUDED.humidity_max);
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER sample_hours_on_insert AFTER INSERT ON samples
      REFERENCING NEW TABLE AS inserted_samples
      FOR EACH STATEMENT EXECUTE FUNCTION sample_hours_add()`.execute(db);

  // A trigger with transition tables has one event, hence one function each for DELETE and
  // UPDATE. An UPDATE can move a sample to another hour, so it touches its old and its new one.
  // The touched hours go first; then those that still have samples come back, recomputed.
  const recomputes = [
    { event: 'DELETE', transitions: 'OLD TABLE AS old_samples', touched: 'old_samples' },
    {
      event: 'UPDATE',
      transitions: 'OLD TABLE AS old_samples NEW TABLE AS new_samples',
      touched: '(SELECT node_id, timestamp_s FROM old_samples UNION ALL SELECT node_id, timestamp_s FROM new_samples)',
    },
  ];
  for (const recompute of recomputes) {
    const fn = sql.raw(`sample_hours_recompute_after_${recompute.event.toLowerCase()}`);
    const touchedHours = `(SELECT DISTINCT node_id, timestamp_s - timestamp_s % 3600 AS hour_s FROM ${recompute.touched} t)`;
    await sql`
      CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM sample_hours h USING ${sql.raw(touchedHours)} t
          WHERE h.node_id = t.node_id AND h.hour_s = t.hour_s;
        INSERT INTO sample_hours (${columns}) ${hoursOf(`${touchedHours} t
          JOIN samples s ON s.node_id = t.node_id AND s.timestamp_s BETWEEN t.hour_s AND t.hour_s + 3599`)};
        RETURN NULL;
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER ${sql.raw(`sample_hours_on_${recompute.event.toLowerCase()}`)}
        AFTER ${sql.raw(recompute.event)} ON samples
        REFERENCING ${sql.raw(recompute.transitions)}
        FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`.execute(db);
  }

  await sql`
    CREATE FUNCTION sample_hours_clear() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      TRUNCATE sample_hours;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER sample_hours_on_truncate AFTER TRUNCATE ON samples
      FOR EACH STATEMENT EXECUTE FUNCTION sample_hours_clear()`.execute(db);

  // After the triggers: creating them locked samples against writes until this migration
  // commits, so the backfill sees every sample stored before and none is counted twice.
  await sql`INSERT INTO sample_hours (${columns}) ${hoursOf('samples s')}`.execute(db);
}
