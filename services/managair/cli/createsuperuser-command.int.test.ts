import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createScratchDatabase, type ScratchDatabase } from '../../../tests/support/scratch-database';
import { type DatabaseHandle, openDatabase } from '../../database/connection';
import { migrateToLatest } from '../../database/migrate';
import { needsRehash, verifyPassword } from '../accounts/password-hash';
import { captureIo } from './capture-io';
import { runManagair } from './run-managair';

function secretFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'clair-createsuperuser-')), 'password');
  writeFileSync(file, content);
  return file;
}

/** A fake terminal on stdin: raw mode is recorded, input arrives as typed. */
function terminal(env: NodeJS.ProcessEnv) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, rawMode: false });
  const setRawMode = (on: boolean) => {
    stdin.rawMode = on;
    return stdin;
  };
  return { io: { ...captureIo(env), stdin: Object.assign(stdin, { setRawMode }) }, stdin };
}

describe('managair createsuperuser', () => {
  let scratch: ScratchDatabase;
  let handle: DatabaseHandle;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    handle = openDatabase(scratch.url, () => undefined);
    await migrateToLatest(handle.db);
    env = { DATABASE_URL: scratch.url };
  });
  afterAll(async () => {
    await handle.close();
    await scratch.drop();
  });

  const account = (username: string) =>
    handle.db
      .selectFrom('users')
      .innerJoin('email_addresses', 'email_addresses.user_id', 'users.id')
      .select(['username', 'users.email', 'password', 'is_staff', 'is_superuser', 'is_active', 'verified', 'primary'])
      .where('username', '=', username)
      .execute();

  it('asks for each field on stdin lines, and creates an active staff superuser', async () => {
    const io = captureIo(env, 'vera\nvera@versuch.de\nLüftungsplan-2024\nLüftungsplan-2024\n');
    expect(await runManagair(['createsuperuser'], io)).toBe(0);
    expect(io.output()).toBe(
      'Username: \nEmail address: \nPassword: \nPassword (again): \nSuperuser "vera" created.\n',
    );
    const [row, ...others] = await account('vera');
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      email: 'vera@versuch.de',
      is_staff: true,
      is_superuser: true,
      is_active: true,
      verified: true,
      primary: true,
    });
    expect(await verifyPassword('Lüftungsplan-2024', row?.password ?? '')).toBe(true);
    expect(needsRehash(row?.password ?? '')).toBe(false);
  });

  it('takes everything from options and a password file with --no-input', async () => {
    const io = captureIo(env);
    const file = secretFile('Ventilate-every-20-min\n');
    const args = ['createsuperuser', '--no-input', '--username', 'ops', '--email', 'ops@clair.example'];
    expect(await runManagair([...args, '--password-file', file], io)).toBe(0);
    expect(io.output()).toBe('Superuser "ops" created.\n');
    const [row] = await account('ops');
    expect(await verifyPassword('Ventilate-every-20-min', row?.password ?? '')).toBe(true);
  });

  it('reads the password from MANAGAIR_SUPERUSER_PASSWORD_FILE', async () => {
    const io = captureIo({ ...env, MANAGAIR_SUPERUSER_PASSWORD_FILE: secretFile('CO2-below-1000-ppm') });
    const args = ['createsuperuser', '--no-input', '--username', 'ops2', '--email', 'ops2@clair.example'];
    expect(await runManagair(args, io)).toBe(0);
    const [row] = await account('ops2');
    expect(await verifyPassword('CO2-below-1000-ppm', row?.password ?? '')).toBe(true);
  });

  it('refuses a username that exists, naming the field, before asking for anything else', async () => {
    const io = captureIo(env, 'vera\n');
    expect(await runManagair(['createsuperuser'], io)).toBe(1);
    expect(io.errors()).toBe('managair createsuperuser: username: That username is already taken.\n');
    expect(io.output()).toBe('Username: \n');
  });

  it('refuses a weak password and keeps it out of the output', async () => {
    const io = captureIo(env, 'priska\npriska@prueferin.de\n12345678\n12345678\n');
    expect(await runManagair(['createsuperuser'], io)).toBe(1);
    expect(io.errors()).toBe(
      'managair createsuperuser: password: This password is too common. This password is entirely numeric.\n',
    );
    expect(io.output()).not.toContain('12345678');
    expect(await account('priska')).toEqual([]);
  });

  it('refuses passwords that differ, and a bad email address, naming the field', async () => {
    let io = captureIo(env, 'horst\nhorst@hilfsarbeiter.de\nLange-Leitung-1\nLange-Leitung-2\n');
    expect(await runManagair(['createsuperuser'], io)).toBe(1);
    expect(io.errors()).toBe("managair createsuperuser: password: Your passwords didn't match.\n");

    io = captureIo(env);
    const args = ['createsuperuser', '--no-input', '--username', 'horst', '--email', 'horst-at-example'];
    expect(await runManagair([...args, '--password-file', secretFile('Lange-Leitung-1')], io)).toBe(1);
    expect(io.errors()).toBe('managair createsuperuser: email: Enter a valid email address.\n');
    expect(await account('horst')).toEqual([]);
  });

  it('with --no-input, names what is missing', async () => {
    const io = captureIo(env);
    expect(await runManagair(['createsuperuser', '--no-input', '--username', 'anna', '--email', 'a@b.de'], io)).toBe(1);
    expect(io.errors()).toMatch(
      /password: required with --no-input \(--password-file FILE or MANAGAIR_SUPERUSER_PASSWORD_FILE\)/,
    );
  });

  it('refuses a password on the command line, explaining why, with the usage', async () => {
    const io = captureIo(env);
    expect(await runManagair(['createsuperuser', '--username', 'anna', '--password', 'hunter2-hunter2'], io)).toBe(2);
    expect(io.errors()).toMatch(/--password is not accepted: .*`ps`/);
    expect(io.errors()).toMatch(/Usage: managair createsuperuser/);
    expect(io.errors()).not.toContain('hunter2');
  });

  it('on a terminal, echoes the answers but not the password, even when typed ahead', async () => {
    const { io, stdin } = terminal(env);
    const finished = runManagair(['createsuperuser'], io);
    // Typed in one go, before the password prompt exists; a backspace mends a typo.
    stdin.end('ingo\ringo@inspekteur.dee\x7f\rKontrollgang-42!\rKontrollgang-42!\r');
    expect(await finished).toBe(0);
    expect(io.output()).toBe(
      'Username: ingo\nEmail address: ingo@inspekteur.dee\b \b\nPassword: \nPassword (again): \nSuperuser "ingo" created.\n',
    );
    expect(stdin.rawMode).toBe(false);
    const [row] = await account('ingo');
    expect(row?.email).toBe('ingo@inspekteur.de');
  });

  it('on a terminal, says what is wrong and asks again', async () => {
    const { io, stdin } = terminal(env);
    const finished = runManagair(['createsuperuser', '--email', 'tom.tester@test.de'], io);
    // Ended, so that a wrong expectation fails instead of waiting for more typing.
    stdin.end(
      'vera\rtom\rpasswort\rpasswort\rFensterlueften-7\rFensterlueften-8\rFensterlueften-7\rFensterlueften-7\r',
    );
    expect(await finished).toBe(0);
    expect(io.output()).toBe(
      [
        'Username: vera',
        'Error: That username is already taken.',
        'Username: tom',
        'Password: ',
        'Password (again): ',
        'Error: This password is too common.',
        'Password: ',
        'Password (again): ',
        "Error: Your passwords didn't match.",
        'Password: ',
        'Password (again): ',
        'Superuser "tom" created.\n',
      ].join('\n'),
    );
    const [row] = await account('tom');
    expect(await verifyPassword('Fensterlueften-7', row?.password ?? '')).toBe(true);
  });
});
