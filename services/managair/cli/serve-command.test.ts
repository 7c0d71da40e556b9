import { once } from 'node:events';
import { createServer } from 'node:net';

import { describe, expect, it } from 'vitest';

import { captureIo } from './capture-io';
import { runManagair } from './run-managair';

// Each case fails before the app listens, so no database is needed.
describe('managair serve, refusing to start', () => {
  const database = { DATABASE_URL: 'postgres://clair:hunter2@db/clair' };

  it('needs a mode', async () => {
    const io = captureIo(database);
    expect(await runManagair(['serve'], io)).toBe(2);
    expect(io.errors()).toMatch(
      /^managair serve: no mode given; say --mode api .* or --mode ingest .*MANAGAIR_MODE\n$/,
    );
  });

  it('refuses an unknown mode, from the flag or from MANAGAIR_MODE', async () => {
    let io = captureIo(database);
    expect(await runManagair(['serve', '--mode', 'both'], io)).toBe(2);
    expect(io.errors()).toMatch(/unknown mode "both"/);

    io = captureIo({ ...database, MANAGAIR_MODE: 'INGEST' });
    expect(await runManagair(['serve'], io)).toBe(2);
    expect(io.errors()).toMatch(/unknown mode "INGEST"/);
  });

  it('refuses an unknown option as a usage error', async () => {
    const io = captureIo(database);
    expect(await runManagair(['serve', '--mod', 'api'], io)).toBe(2);
    expect(io.errors()).toMatch(/Unknown option '--mod'/);
  });

  it('lets the flag win over MANAGAIR_MODE', async () => {
    // api from the environment needs no token; ingest from the flag does, so this fails on it.
    const io = captureIo({ ...database, MANAGAIR_MODE: 'api' });
    expect(await runManagair(['serve', '--mode', 'ingest'], io)).toBe(1);
    expect(io.errors()).toMatch(/INGEST_TOKEN: is required in ingest mode/);
  });

  it('names every bad variable of ingest mode without echoing a value', async () => {
    const io = captureIo({
      MANAGAIR_MODE: 'ingest',
      DATABASE_URL: 'mysql://root:hunter2@db/clair',
      INGEST_TOKEN: 'tooshort',
      PORT: '99999',
      LOG_LEVEL: 'loud',
    });
    expect(await runManagair(['serve'], io)).toBe(1);
    const errors = io.errors();
    expect(errors).toMatch(/^managair serve: Invalid environment:\n/);
    expect(errors).toMatch(/ {2}DATABASE_URL: must be a postgres:\/\/ URL\n/);
    expect(errors).toMatch(/ {2}INGEST_TOKEN: must be at least 16 characters\n/);
    expect(errors).toMatch(/ {2}PORT: /);
    expect(errors).toMatch(/ {2}LOG_LEVEL: /);
    expect(errors).not.toMatch(/hunter2|tooshort/);
  });

  it('does not ask API mode for an ingest token, but still for the database', async () => {
    const io = captureIo({ MANAGAIR_MODE: 'api' });
    expect(await runManagair(['serve'], io)).toBe(1);
    expect(io.errors()).toMatch(/DATABASE_URL: /);
    expect(io.errors()).not.toMatch(/INGEST_TOKEN/);
  });

  it('names an unreadable INGEST_TOKEN_FILE', async () => {
    const io = captureIo({ ...database, INGEST_TOKEN_FILE: '/run/secrets/nonexistent' });
    expect(await runManagair(['serve', '--mode', 'ingest'], io)).toBe(1);
    expect(io.errors()).toMatch(
      /INGEST_TOKEN_FILE: cannot read the secret file \/run\/secrets\/nonexistent \(ENOENT\)/,
    );
  });

  it('reports a port in use and stops what it started', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    try {
      const { port } = taken.address() as { port: number };
      const io = captureIo({
        DATABASE_URL: 'postgres://clair:hunter2@127.0.0.1:1/clair',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'silent',
      });
      expect(await runManagair(['serve', '--mode', 'api'], io)).toBe(1);
      expect(io.errors()).toMatch(/^managair serve: listen EADDRINUSE/);
    } finally {
      taken.close();
    }
  });
});
