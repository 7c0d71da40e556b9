import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { ClairError, type RecoveryApplication, type RecoverySource } from '../../contract';
import type { Environment } from '../environments/load-environment';
import type { StorageAccess } from './storage-client';

/** The forwarders' applications (stack-templates/docker-compose.yml) and where their keys are. */
const forwarders = [
  { protocol: 'CLAIRCHEN', variable: 'CLAIRCHEN_TTN_APPLICATION_ID', keyFile: 'CLAIRCHEN_TTN_API_KEY_FILE' },
  { protocol: 'ELSYSERS', variable: 'ERS_TTN_APPLICATION_ID', keyFile: 'ERS_TTN_API_KEY_FILE' },
] as const;

const defaultMqttUrl = 'mqtts://eu1.cloud.thethings.network:8883';

/** TTN_STORAGE_URL, or the host of TTN_MQTT_URL over https: TTN serves both on the cluster's address. */
export function storageUrlOf(environment: Environment): string {
  const configured = environment.variables.TTN_STORAGE_URL;
  if (configured) return configured;
  // An empty TTN_MQTT_URL= means its default, as for every variable of the templates.
  const mqtt = environment.variables.TTN_MQTT_URL;
  return `https://${new URL(mqtt === undefined || mqtt === '' ? defaultMqttUrl : mqtt).hostname}`;
}

export function recoverySource(environment: Environment): RecoverySource {
  const applications: RecoveryApplication[] = [];
  const problems: string[] = [];
  for (const forwarder of forwarders) {
    const applicationId = environment.variables[forwarder.variable];
    if (!applicationId) problems.push(`${forwarder.variable} is not set in ${environment.name}.env`);
    else applications.push({ applicationId, protocol: forwarder.protocol, variable: forwarder.variable });
  }
  let storageUrl = '';
  try {
    storageUrl = storageUrlOf(environment);
  } catch {
    problems.push(`TTN_STORAGE_URL or TTN_MQTT_URL of ${environment.name}.env is not a URL`);
  }
  return { storageUrl, applications, problems };
}

/** The application's forwarder settings, or a refusal naming the environment variable to set. */
export function applicationOf(environment: Environment, applicationId: string) {
  const application = recoverySource(environment).applications.find((app) => app.applicationId === applicationId);
  if (!application) {
    throw new ClairError({
      code: 'bad-request',
      message: `${environment.name}.env names no forwarder application "${applicationId}" (CLAIRCHEN_TTN_APPLICATION_ID, ERS_TTN_APPLICATION_ID)`,
    });
  }
  return application;
}

/** The Storage Integration of the application with its API key, read from the environment's key file. */
export async function storageAccess(
  environment: Environment,
  root: string,
  applicationId: string,
): Promise<StorageAccess> {
  const application = applicationOf(environment, applicationId);
  const keyVariable = forwarders.find((forwarder) => forwarder.variable === application.variable)!.keyFile;
  const keyFile = environment.variables[keyVariable];
  if (!keyFile) {
    throw new ClairError({ code: 'bad-request', message: `${keyVariable} is not set in ${environment.name}.env` });
  }
  // Secret files are relative to the compose project folder, as docker stack deploy reads them.
  const path = resolve(root, 'stack-templates', keyFile);
  let apiKey: string;
  try {
    apiKey = (await readFile(path, 'utf8')).trim();
  } catch {
    throw new ClairError({
      code: 'not-found',
      message: `Cannot read the API key file ${path} (${keyVariable}): create it with the application's TTN API key`,
    });
  }
  return { baseUrl: storageUrlOf(environment), applicationId, apiKey };
}
