import type Docker from 'dockerode';

import { readLiveStack } from '../swarm/live-stack';
import { namespaceFilter } from '../swarm/names';
import { removeNetworkWhenFree } from '../swarm/remove-network';

export interface RemoveResult {
  services: string[];
  networks: string[];
  secrets: string[];
  configs: string[];
  /** Volumes are never removed: they hold the data. These are the stack's, left in place. */
  keptVolumes: string[];
}

/**
 * `docker stack rm`, then waits until the tasks and networks are really gone, so the same stack
 * can be deployed again straight away (the seed's rm-stack).
 */
export async function removeStack(docker: Docker, stack: string, timeoutMs = 90_000): Promise<RemoveResult> {
  const live = await readLiveStack(docker, stack);
  const deadline = Date.now() + timeoutMs;
  for (const service of live.services) await docker.getService(service.id).remove();
  for (const service of live.services) {
    while (await hasTasks(docker, service.id)) {
      if (Date.now() > deadline)
        throw new Error(`Tasks of ${service.name} were still running after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  for (const network of live.networks) await removeNetworkWhenFree(docker, network.id, deadline - Date.now());
  for (const secret of live.secrets) await docker.getSecret(secret.id).remove();
  for (const config of live.configs) await docker.getConfig(config.id).remove();
  // A removed swarm network stays listed until every node has let go of it.
  while ((await docker.listNetworks({ filters: namespaceFilter(stack) })).length > 0) {
    if (Date.now() > deadline)
      throw new Error(`Networks of stack ${stack} were still there after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const volumes = (await docker.listVolumes({ filters: namespaceFilter(stack) })).Volumes;
  return {
    services: live.services.map((service) => service.name),
    networks: live.networks.map((network) => network.name),
    secrets: live.secrets.map((secret) => secret.name),
    configs: live.configs.map((config) => config.name),
    keptVolumes: volumes.map((volume) => volume.Name),
  };
}

/** The daemon answers 404 for a service whose last task is gone. */
async function hasTasks(docker: Docker, serviceId: string): Promise<boolean> {
  try {
    return (await docker.listTasks({ filters: JSON.stringify({ service: [serviceId] }) })).length > 0;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}
