import { dirname, resolve } from 'node:path';

import type { UplinkApplication, UplinkSourceKind, UplinkSources } from '../../contract';
import type { NodeProtocol } from '../../../services/domain/nodes/node-id';
import { checkSecretFile } from '../environments/secret-file';
import type { Environment } from '../environments/load-environment';
import { BASE_COMPOSE_FILE } from '../workspace/open-environment';

/** One TTN application of the environment and the decoder its forwarder runs. */
export interface ApplicationSetting {
  application: UplinkApplication;
  applicationId: string;
  protocol: NodeProtocol;
  /** Absolute path of its API key file; the key itself is read only when connecting. */
  apiKeyFile: string | undefined;
}

/** Where the live view connects, and why it cannot: everything but the API keys' content. */
export interface UplinkSourceSettings {
  tenant: string;
  applications: ApplicationSetting[];
  ttn: { url: string; problems: string[] };
  /** Present when the environment has the dev extension's simulated TTN. */
  devBroker: { url: string } | undefined;
}

/** The variables of each application, and the protocol whose forwarder it feeds. */
const applicationVariables: Record<UplinkApplication, { id: string; keyFile: string; protocol: NodeProtocol }> = {
  clairchen: { id: 'CLAIRCHEN_TTN_APPLICATION_ID', keyFile: 'CLAIRCHEN_TTN_API_KEY_FILE', protocol: 'CLAIRCHEN' },
  ers: { id: 'ERS_TTN_APPLICATION_ID', keyFile: 'ERS_TTN_API_KEY_FILE', protocol: 'ELSYSERS' },
};

/** The stack templates' defaults (stack-templates/docker-compose.yml), for variables left unset. */
const defaultTtnUrl = 'mqtts://eu1.cloud.thethings.network:8883';
const defaultTenant = 'ttn';
const defaultSimulatedTtnPort = '1883';

/**
 * Reads the live view's sources from an environment: TTN with the forwarders' settings (their API
 * key files, relative to stack-templates/ as for the stack), and the dev extension's simulated
 * TTN, published on this machine without credentials, in a development environment that sets
 * SIMULATED_TTN_PORT.
 */
export async function uplinkSourceSettings(environment: Environment, root: string): Promise<UplinkSourceSettings> {
  const variables = environment.variables;
  const setting = (name: string) => (variables[name] === '' ? undefined : variables[name]);
  const projectDir = dirname(resolve(root, BASE_COMPOSE_FILE));
  const problems: string[] = [];
  const applications: ApplicationSetting[] = [];
  for (const [application, names] of Object.entries(applicationVariables) as [
    UplinkApplication,
    (typeof applicationVariables)[UplinkApplication],
  ][]) {
    const applicationId = setting(names.id);
    if (!applicationId) {
      problems.push(`${names.id} is not set in ${environment.name}.env`);
      continue;
    }
    const keyFile = setting(names.keyFile);
    const apiKeyFile = keyFile === undefined ? undefined : resolve(projectDir, keyFile);
    if (apiKeyFile === undefined) problems.push(`${names.keyFile} is not set in ${environment.name}.env`);
    else {
      const unusable = await checkSecretFile(apiKeyFile);
      if (unusable) problems.push(`${names.keyFile}: ${unusable}`);
    }
    applications.push({ application, applicationId, protocol: names.protocol, apiKeyFile });
  }
  const port = setting('SIMULATED_TTN_PORT');
  const devExtension = environment.class === 'development' && variables.SIMULATED_TTN_PORT !== undefined;
  return {
    tenant: setting('TTN_TENANT') ?? defaultTenant,
    applications,
    ttn: { url: setting('TTN_MQTT_URL') ?? defaultTtnUrl, problems },
    devBroker: devExtension ? { url: `mqtt://127.0.0.1:${port ?? defaultSimulatedTtnPort}` } : undefined,
  };
}

/** What the renderer may know of the settings: no key file content, and no paths beyond the problems. */
export function describeSources(settings: UplinkSourceSettings): UplinkSources {
  const sources: UplinkSources['sources'] = [
    { kind: 'ttn', url: withoutCredentials(settings.ttn.url), problems: settings.ttn.problems },
  ];
  if (settings.devBroker) sources.push({ kind: 'dev-broker', url: settings.devBroker.url, problems: [] });
  return {
    tenant: settings.tenant,
    applications: settings.applications.map(({ application, applicationId }) => ({ application, applicationId })),
    sources,
  };
}

export function sourceUrl(settings: UplinkSourceSettings, kind: UplinkSourceKind): string | undefined {
  return kind === 'ttn' ? settings.ttn.url : settings.devBroker?.url;
}

/** A URL as it may be shown: a user name or password written into it is left out. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}
