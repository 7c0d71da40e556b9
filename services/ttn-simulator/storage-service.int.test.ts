import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../tests/support/context';
import { createTestDatabase, type TestDatabase } from '../managair/test-database';

let simulator: ChildProcess | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  if (simulator?.exitCode === null) {
    simulator.kill('SIGTERM');
    await once(simulator, 'exit');
  }
  await database?.drop();
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

describe("the dev stack's simulator (main.ts)", () => {
  it("serves both applications' stored uplinks, each to its forwarder's API key", async () => {
    // Migrated: the simulator registers its nodes first, then serves.
    database = await createTestDatabase();
    const secrets = await mkdtemp(join(tmpdir(), 'sim-storage-'));
    await writeFile(join(secrets, 'database_url'), database.url);
    await writeFile(join(secrets, 'clairchen_key'), 'NNSXS.CLAIRCHEN\n');
    await writeFile(join(secrets, 'ers_key'), 'NNSXS.ERS\n');
    const port = await freePort();
    simulator = spawn(process.execPath, ['--import', 'tsx', 'services/ttn-simulator/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL_FILE: join(secrets, 'database_url'),
        TTN_MQTT_URL: testEnvironment().CLAIR_MQTT_URL,
        CLAIRCHEN_TTN_APPLICATION_ID: 'clairchen-sim',
        ERS_TTN_APPLICATION_ID: 'ers-sim',
        CLAIRCHEN_TTN_API_KEY_FILE: join(secrets, 'clairchen_key'),
        ERS_TTN_API_KEY_FILE: join(secrets, 'ers_key'),
        TTN_STORAGE_PORT: String(port),
        TTN_SIMULATOR_INTERVAL_S: '60',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    simulator.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 60_000 }).toContain('Storage Integration on');

    const get = (application: string, key: string) =>
      fetch(`http://127.0.0.1:${port}/api/v3/as/applications/${application}/packages/storage/uplink_message?last=10m`, {
        headers: { Authorization: `Bearer ${key}`, Accept: 'text/event-stream' },
      });
    for (const [application, key] of [
      ['clairchen-sim', 'NNSXS.CLAIRCHEN'],
      ['ers-sim', 'NNSXS.ERS'],
    ] as const) {
      const response = await get(application, key);
      expect(response.status).toBe(200);
      const messages = (await response.text())
        .split('\n\n')
        .filter(Boolean)
        .map((chunk) => JSON.parse(chunk) as { result: { end_device_ids: { application_ids: object } } });
      // Two nodes a kind, an uplink a minute each: the last ten minutes hold about twenty.
      expect(messages.length).toBeGreaterThan(15);
      for (const message of messages) {
        expect(message.result.end_device_ids.application_ids).toEqual({ application_id: application });
      }
    }
    expect((await get('ers-sim', 'NNSXS.CLAIRCHEN')).status).toBe(403);
  });
});
