import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What scripts/env/up.sh wrote about the running test environment. */
export interface TestEnvironment {
  CLAIR_PG_URL: string;
  CLAIR_REDIS_URL: string;
  CLAIR_MQTT_URL: string;
  DOCKER_HOST: string;
  CLAIR_SSH_HOST: string;
  CLAIR_SSH_PORT: string;
  CLAIR_SSH_USER: string;
  CLAIR_SSH_KEY: string;
  CLAIR_SSH_KNOWN_HOSTS: string;
  CLAIR_CHROMIUM: string;
  CLAIR_IMAGE_NODE: string;
  CLAIR_IMAGE_POSTGRES: string;
  CLAIR_IMAGE_REDIS: string;
  CLAIR_IMAGE_NGINX: string;
  CLAIR_IMAGE_MOSQUITTO: string;
}

export const envDir = process.env.CLAIR_ENV_DIR ?? '/var/tmp/clair-env';

export function readTestEnvironment(): TestEnvironment {
  const file = join(envDir, 'test-env.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TestEnvironment;
  } catch (error) {
    throw new Error(
      `The test environment is not up (${file}: ${(error as Error).message}). Run scripts/env/up.sh, or npm test, which runs it.`,
      { cause: error },
    );
  }
}
