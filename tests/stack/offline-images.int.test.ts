import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Redis } from 'ioredis';
import mqtt from 'mqtt';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { testEnvironment } from '../support/context';
import { docker, freePort, removeStack } from '../support/docker-cli';

/**
 * One probe attempt: what `probe` returns, or why not yet. A connection the published port
 * accepts before the service listens can hang, so each attempt is bounded.
 */
async function answer(probe: () => Promise<string>): Promise<string> {
  const timeout = new Promise<string>((resolve) =>
    setTimeout(() => resolve('not yet: no answer in 5 s'), 5_000).unref(),
  );
  try {
    return await Promise.race([probe(), timeout]);
  } catch (error) {
    return `not yet: ${(error as Error).message}`;
  }
}

describe('the offline images as swarm services', () => {
  const env = testEnvironment();
  const stack = `clairimages${Date.now().toString(36)}`;
  afterAll(() => removeStack(env.DOCKER_HOST, stack));

  it('run PostgreSQL (password as a docker secret), Redis, Mosquitto and nginx', async () => {
    const [pgPort, redisPort, mqttPort, httpPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const dir = await mkdtemp(join(tmpdir(), 'clair-images-'));
    const password = randomBytes(12).toString('hex');
    await writeFile(join(dir, 'db_password'), password);
    const hostPort = (target: number, published: number) => [{ target, published, protocol: 'tcp', mode: 'host' }];
    const service = (image: string, target: number, published: number, extra: object = {}) => ({
      image,
      ports: hostPort(target, published),
      deploy: { endpoint_mode: 'dnsrr' },
      ...extra,
    });
    const compose = {
      version: '3.8',
      services: {
        db: service(env.CLAIR_IMAGE_POSTGRES, 5432, pgPort, {
          environment: { POSTGRES_PASSWORD_FILE: '/run/secrets/db_password', POSTGRES_DB: 'clair' },
          secrets: ['db_password'],
        }),
        redis: service(env.CLAIR_IMAGE_REDIS, 6379, redisPort),
        mqtt: service(env.CLAIR_IMAGE_MOSQUITTO, 1883, mqttPort),
        web: service(env.CLAIR_IMAGE_NGINX, 80, httpPort),
      },
      secrets: { db_password: { file: join(dir, 'db_password') } },
    };
    const file = join(dir, 'stack.yml');
    await writeFile(file, stringify(compose));
    await docker(env.DOCKER_HOST, ['stack', 'deploy', '--resolve-image', 'never', '-c', file, stack]);

    const poll = { timeout: 60_000, interval: 1_000 };
    await expect
      .poll(
        () =>
          answer(async () => {
            const client = new pg.Client({
              host: '127.0.0.1',
              port: pgPort,
              user: 'postgres',
              password,
              database: 'clair',
            });
            await client.connect();
            try {
              const { rows } = await client.query<{ major: number }>(
                "SELECT current_setting('server_version_num')::int / 10000 AS major",
              );
              return `postgres ${rows[0]?.major}`;
            } finally {
              await client.end();
            }
          }),
        poll,
      )
      .toBe('postgres 15');
    await expect
      .poll(
        () =>
          answer(async () => {
            const redis = new Redis({ host: '127.0.0.1', port: redisPort, lazyConnect: true, maxRetriesPerRequest: 0 });
            try {
              await redis.connect();
              return await redis.ping();
            } finally {
              redis.disconnect();
            }
          }),
        poll,
      )
      .toBe('PONG');
    await expect
      .poll(
        () =>
          answer(async () => {
            const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
              reconnectPeriod: 0,
              connectTimeout: 2_000,
            });
            await client.endAsync();
            return 'mqtt connected';
          }),
        poll,
      )
      .toBe('mqtt connected');
    await expect
      .poll(() => answer(async () => String((await fetch(`http://127.0.0.1:${httpPort}/`)).status)), poll)
      .toBe('200');
  });
});
