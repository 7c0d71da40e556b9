import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../tests/support/context';
import { silentLog } from './log';
import { subscribeToUplinks, type Uplink } from './uplink-subscription';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A Mosquitto of this test's own that, like TTN, accepts only `<app>@<tenant>` with its API key;
 * the shared one is anonymous. Stopped by its own process handle.
 */
async function startAuthenticatingBroker(username: string, password: string, tls = false) {
  const directory = await mkdtemp(join(tmpdir(), 'clair-mosquitto-'));
  // Mosquitto reads its files after dropping to its own user.
  await chmod(directory, 0o755);
  const passwords = join(directory, 'passwords');
  execFileSync('mosquitto_passwd', ['-b', '-c', passwords, username, password]);
  await chmod(passwords, 0o644);
  const port = await freePort();
  const conf = join(directory, 'mosquitto.conf');
  let tlsSettings = '';
  let ca = '';
  if (tls) {
    ca = await makeCertificates(directory);
    tlsSettings = ['cafile', 'certfile', 'keyfile']
      .map((setting, i) => `${setting} ${join(directory, ['ca.pem', 'server.pem', 'server.key'][i]!)}\n`)
      .join('');
  }
  await writeFile(
    conf,
    `listener ${port} 127.0.0.1\n${tlsSettings}allow_anonymous false\npassword_file ${passwords}\npersistence false\n`,
  );
  const broker: ChildProcess = spawn('/usr/sbin/mosquitto', ['-c', conf], { stdio: 'ignore' });
  return {
    url: `${tls ? 'mqtts' : 'mqtt'}://127.0.0.1:${port}`,
    ca,
    stop: async () => {
      if (broker.exitCode === null) {
        broker.kill();
        await new Promise((resolve) => broker.once('exit', resolve));
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** A throwaway CA and a server certificate for 127.0.0.1 signed by it; returns the CA's PEM. */
async function makeCertificates(directory: string): Promise<string> {
  const file = (name: string) => join(directory, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=Clair test CA',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
  );
  await writeFile(file('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    file('san.ext'),
    '-out',
    file('server.pem'),
  );
  for (const name of ['ca.pem', 'server.pem', 'server.key']) await chmod(file(name), 0o644);
  return readFile(file('ca.pem'), 'utf8');
}

describe('subscribeToUplinks against Mosquitto', () => {
  const { CLAIR_MQTT_URL } = testEnvironment();
  const closers: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it("receives the application's uplinks and nothing else", async () => {
    const received: Uplink[] = [];
    const subscription = subscribeToUplinks(
      { url: CLAIR_MQTT_URL, applicationId: 'clair-subscription-test', tenant: 'ttn', apiKey: 'NNSXS.TEST' },
      async (uplink) => {
        received.push(uplink);
      },
      silentLog,
    );
    closers.push(subscription.close);
    await expect.poll(() => subscription.state().connected).toBe(true);

    const publisher = await mqtt.connectAsync(CLAIR_MQTT_URL);
    closers.push(() => publisher.endAsync());
    const body = JSON.stringify({ end_device_ids: { device_id: 'eui-a81758fffe052b0f' }, uplink_message: {} });
    await publisher.publishAsync('v3/other-app@ttn/devices/dev9/up', '{}', { qos: 1 });
    await publisher.publishAsync('v3/clair-subscription-test@ttn/devices/eui-a81758fffe052b0f/join', '{}', { qos: 1 });
    await publisher.publishAsync('v3/clair-subscription-test@ttn/devices/eui-a81758fffe052b0f/up', body, { qos: 1 });

    await expect.poll(() => received.length).toBe(1);
    expect(received[0]?.topic).toEqual({
      applicationId: 'clair-subscription-test',
      tenant: 'ttn',
      deviceId: 'eui-a81758fffe052b0f',
    });
    expect(received[0]?.body.toString()).toBe(body);
  });

  it('redelivers a message whose handling failed once it reconnects, since it was never acknowledged', async () => {
    let attempts = 0;
    const stored: string[] = [];
    const options = {
      url: CLAIR_MQTT_URL,
      applicationId: 'clair-redelivery-test',
      tenant: 'ttn',
      apiKey: 'NNSXS.TEST',
    };
    const failing = subscribeToUplinks(
      options,
      async () => {
        attempts++;
        throw new Error('disk full');
      },
      silentLog,
    );
    await expect.poll(() => failing.state().connected).toBe(true);
    const publisher = await mqtt.connectAsync(CLAIR_MQTT_URL);
    closers.push(() => publisher.endAsync());
    await publisher.publishAsync('v3/clair-redelivery-test@ttn/devices/dev1/up', 'kept', { qos: 1 });
    await expect.poll(() => attempts).toBe(1);
    await failing.close();

    const working = subscribeToUplinks(options, async (uplink) => void stored.push(uplink.body.toString()), silentLog);
    closers.push(working.close);
    await expect.poll(() => stored).toEqual(['kept']);
  });

  it('reports why it is not connected while it keeps retrying', async () => {
    const port = await freePort();

    const subscription = subscribeToUplinks(
      {
        url: `mqtt://127.0.0.1:${port}`,
        applicationId: 'nowhere',
        tenant: 'ttn',
        apiKey: 'NNSXS.TEST',
        minReconnectMs: 50,
      },
      async () => undefined,
      silentLog,
    );
    closers.push(subscription.close);
    await expect
      .poll(() => subscription.state())
      .toMatchObject({ connected: false, reason: expect.stringContaining('ECONNREFUSED') });
  });

  it('reports a refused API key as such, and connects as <app>@<tenant> with the right one', async () => {
    const broker = await startAuthenticatingBroker('clair-auth-test@ttn', 'NNSXS.RIGHT');
    closers.push(broker.stop);
    const options = { url: broker.url, applicationId: 'clair-auth-test', tenant: 'ttn', minReconnectMs: 50 };

    const refused = subscribeToUplinks({ ...options, apiKey: 'NNSXS.WRONG' }, async () => undefined, silentLog);
    closers.push(refused.close);
    await expect
      .poll(() => refused.state(), { timeout: 10_000 })
      .toMatchObject({ connected: false, reason: expect.stringMatching(/^CONNACK: (not authorized|bad user name)/) });
    await refused.close();

    const accepted = subscribeToUplinks({ ...options, apiKey: 'NNSXS.RIGHT' }, async () => undefined, silentLog);
    closers.push(accepted.close);
    await expect.poll(() => accepted.state().connected, { timeout: 10_000 }).toBe(true);
  });

  it('connects over TLS (mqtts://) to a broker whose certificate it can verify, and refuses one it cannot', async () => {
    const broker = await startAuthenticatingBroker('clair-tls-test@ttn', 'NNSXS.TLS', true);
    closers.push(broker.stop);
    const options = {
      url: broker.url,
      applicationId: 'clair-tls-test',
      tenant: 'ttn',
      apiKey: 'NNSXS.TLS',
      minReconnectMs: 50,
    };

    const untrusted = subscribeToUplinks(options, async () => undefined, silentLog);
    closers.push(untrusted.close);
    await expect
      .poll(() => untrusted.state(), { timeout: 10_000 })
      .toMatchObject({ connected: false, reason: expect.stringMatching(/certificate/i) });
    await untrusted.close();

    const trusted = subscribeToUplinks({ ...options, ca: broker.ca }, async () => undefined, silentLog);
    closers.push(trusted.close);
    await expect.poll(() => trusted.state().connected, { timeout: 10_000 }).toBe(true);
  });
});
