import type Docker from 'dockerode';

import { readLiveStack } from '../swarm/live-stack';
import { removeNetworkWhenFree } from '../swarm/remove-network';

export interface PruneResult {
  secrets: string[];
  configs: string[];
  networks: string[];
}

/**
 * Removes the stack's secrets, configs and networks that no service spec uses any more: the old
 * content-hashed versions after a rotation, and networks dropped from the model. Runs after
 * convergence, so a rollback during converge still finds the objects of the previous spec.
 */
export async function pruneUnused(docker: Docker, stack: string, keep: Set<string>): Promise<PruneResult> {
  const live = await readLiveStack(docker, stack);
  const used = new Set<string>();
  for (const { spec } of live.services) {
    const container = spec.TaskTemplate.ContainerSpec;
    for (const secret of container.Secrets ?? []) used.add(secret.SecretName);
    for (const config of container.Configs ?? []) used.add(config.ConfigName);
    for (const network of spec.TaskTemplate.Networks ?? [])
      used.add(live.networkNames.get(network.Target) ?? network.Target);
  }
  const unused = (objects: { id: string; name: string }[]) =>
    objects.filter((object) => !used.has(object.name) && !keep.has(object.name));
  const result: PruneResult = { secrets: [], configs: [], networks: [] };
  for (const secret of unused(live.secrets)) {
    await docker.getSecret(secret.id).remove();
    result.secrets.push(secret.name);
  }
  for (const config of unused(live.configs)) {
    await docker.getConfig(config.id).remove();
    result.configs.push(config.name);
  }
  for (const network of unused(live.networks)) {
    await removeNetworkWhenFree(docker, network.id);
    result.networks.push(network.name);
  }
  return result;
}
