import { looksSecret } from '../guardrails/secret-names';
import type Docker from 'dockerode';
import { stringify } from 'yaml';

import { ClairError, type ServiceSpecText } from '../../contract';
import { NAMESPACE_LABEL } from '../stack/swarm/names';
import type { SwarmServiceSpec } from '../stack/swarm/swarm-spec';
import { engineError } from '../docker/engine-error';

interface ServiceRecord {
  ID: string;
  Version: { Index: number };
  Spec: SwarmServiceSpec & { TaskTemplate: { ForceUpdate?: number } };
}

/** A service of the stack by its swarm name; a service of another stack is not found either. */
async function stackService(docker: Docker, stack: string, name: string): Promise<ServiceRecord> {
  let service: ServiceRecord;
  try {
    service = (await docker.getService(name).inspect()) as ServiceRecord;
  } catch (error) {
    throw engineError(error, `find the service ${name}`);
  }
  if (service.Spec.Labels[NAMESPACE_LABEL] !== stack) {
    throw new ClairError({ code: 'not-found', message: `${name} is not a service of the stack ${stack}` });
  }
  return service;
}

async function updateService(docker: Docker, service: ServiceRecord, spec: ServiceRecord['Spec'], doing: string) {
  try {
    await docker.getService(service.ID).update({ version: service.Version.Index, ...spec });
  } catch (error) {
    throw engineError(error, doing);
  }
}

export async function scaleService(docker: Docker, stack: string, name: string, replicas: number): Promise<void> {
  const service = await stackService(docker, stack, name);
  if (!('Replicated' in service.Spec.Mode)) {
    throw new ClairError({
      code: 'bad-request',
      message: `${name} is a global service: it runs one task per node and cannot be scaled`,
    });
  }
  const spec = { ...service.Spec, Mode: { Replicated: { Replicas: replicas } } };
  await updateService(docker, service, spec, `scale ${name}`);
}

/** `docker service update --force`: a new ForceUpdate value makes the swarm replace every task. */
export async function restartService(docker: Docker, stack: string, name: string): Promise<void> {
  const service = await stackService(docker, stack, name);
  const template = service.Spec.TaskTemplate;
  const spec = { ...service.Spec, TaskTemplate: { ...template, ForceUpdate: (template.ForceUpdate ?? 0) + 1 } };
  await updateService(docker, service, spec, `restart ${name}`);
}

const MASK = '<masked>';

/** `NAME=value` entries with the values of secret-like names replaced. */
export function maskEnvironment(env: string[]): string[] {
  return env.map((entry) => {
    const at = entry.indexOf('=');
    const name = at < 0 ? entry : entry.slice(0, at);
    return at >= 0 && looksSecret(name) ? `${name}=${MASK}` : entry;
  });
}

/** The spec as YAML for reading. Docker secrets' contents are never in a spec; secret-like env values are masked. */
export async function inspectService(docker: Docker, stack: string, name: string): Promise<ServiceSpecText> {
  const { Spec: spec } = await stackService(docker, stack, name);
  const container = spec.TaskTemplate.ContainerSpec;
  const masked = {
    ...spec,
    TaskTemplate: { ...spec.TaskTemplate, ContainerSpec: { ...container, Env: maskEnvironment(container.Env ?? []) } },
  };
  return { service: name, format: 'yaml', text: stringify(masked) };
}
