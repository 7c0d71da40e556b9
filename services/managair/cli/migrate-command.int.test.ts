import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createScratchDatabase, type ScratchDatabase } from '../../../tests/support/scratch-database';
import { captureIo } from './capture-io';
import { runManagair } from './run-managair';

describe('managair migrate', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(() => scratch.drop());

  it('lists, applies, and then has nothing left to apply', async () => {
    const env = { DATABASE_URL: scratch.url };
    let io = captureIo(env);
    expect(await runManagair(['migrate', '--list'], io)).toBe(0);
    expect(io.output()).toBe('Pending: 0001-initial-schema, 0002-accounts, 0003-sample-hours\n');

    io = captureIo(env);
    expect(await runManagair(['migrate'], io)).toBe(0);
    expect(io.output()).toBe('Applied: 0001-initial-schema, 0002-accounts, 0003-sample-hours\n');

    io = captureIo(env);
    expect(await runManagair(['migrate'], io)).toBe(0);
    expect(io.output()).toBe('No pending migrations.\n');
  });

  it('names a bad DATABASE_URL without echoing it', async () => {
    const io = captureIo({ DATABASE_URL: 'mysql://root:hunter2@db/clair' });
    expect(await runManagair(['migrate'], io)).toBe(1);
    expect(io.errors()).toMatch(
      /^managair migrate: Invalid environment:\n {2}DATABASE_URL: must be a postgres:\/\/ URL\n$/,
    );
    expect(io.errors()).not.toContain('hunter2');
  });

  it('refuses an unknown command with the usage and exit code 2', async () => {
    const io = captureIo({});
    expect(await runManagair(['frobnicate'], io)).toBe(2);
    expect(io.errors()).toMatch(/unknown command "frobnicate"[\s\S]*migrate/);
  });
});
