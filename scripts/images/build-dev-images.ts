/**
 * Builds the service images environments/dev.env names (MANAGAIR_IMAGE, …, on its NODE_IMAGE)
 * in the engine of DOCKER_HOST, from the bundles of the last `npm run build`: what the dev
 * environment needs besides the offline base images of scripts/images/build.sh. scripts/start.sh
 * runs it, so the dev environment deploys with one click.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { parse } from 'dotenv';

import { buildServiceImages, type ServiceName, serviceImageVariables } from './clair-images';

const devEnv = resolve(import.meta.dirname, '../../environments/dev.env');
const variables = parse(readFileSync(devEnv));
const dockerHost = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';

function setting(name: string): string {
  const value = variables[name];
  if (!value) throw new Error(`${devEnv} sets no ${name}`);
  return value;
}

const refs = Object.fromEntries(
  Object.entries(serviceImageVariables).map(([service, variable]) => [service, setting(variable)]),
) as Record<ServiceName, string>;
await buildServiceImages(dockerHost, setting('NODE_IMAGE'), refs);
console.log(`Built ${Object.values(refs).join(', ')} in ${dockerHost}.`);
