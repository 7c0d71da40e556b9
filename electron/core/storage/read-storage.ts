import type Docker from 'dockerode';

import type { StorageList } from '../../contract';
import type { StackModel } from '../stack/stack-model';
import { NAMESPACE_LABEL, namespaceFilter } from '../stack/swarm/names';
import { readStackObjects } from '../stack/swarm/stack-objects';
import type { SwarmServiceSpec } from '../stack/swarm/swarm-spec';
import { engineError } from '../docker/engine-error';
import { type LiveStored, type LiveUse, storageInventory } from './storage-inventory';

interface SwarmObject {
  CreatedAt?: string;
  Spec: { Name: string; Labels?: Record<string, string> };
}

/** What each live service of the stack uses, by swarm name. */
async function readLiveUses(docker: Docker, stack: string): Promise<LiveUse[]> {
  const services = (await docker.listServices({ filters: namespaceFilter(stack) })) as { Spec: SwarmServiceSpec }[];
  return services.map(({ Spec: spec }) => {
    const container = spec.TaskTemplate.ContainerSpec;
    return {
      service: spec.Name,
      volumes: (container.Mounts ?? []).flatMap((mount) =>
        mount.Type === 'volume' && mount.Source ? [mount.Source] : [],
      ),
      secrets: (container.Secrets ?? []).map((secret) => secret.SecretName),
      configs: (container.Configs ?? []).map((config) => config.ConfigName),
    };
  });
}

/** storage:list: the model's volumes, secrets and configs against the swarm's. */
export async function readStorage(docker: Docker, stack: string, model: StackModel): Promise<StorageList> {
  const objects = await readStackObjects(stack, model);
  const stored = (object: SwarmObject): LiveStored => ({
    name: object.Spec.Name,
    ...(object.CreatedAt ? { createdAt: object.CreatedAt } : {}),
    ofStack: object.Spec.Labels?.[NAMESPACE_LABEL] === stack,
  });
  try {
    const [volumes, secrets, configs, services] = await Promise.all([
      docker.listVolumes(),
      docker.listSecrets() as Promise<SwarmObject[]>,
      docker.listConfigs() as Promise<SwarmObject[]>,
      readLiveUses(docker, stack),
    ]);
    return storageInventory({
      stack,
      model,
      desired: objects.names,
      live: {
        volumes: (volumes.Volumes ?? []).map((volume) => ({
          name: volume.Name,
          ...((volume as { CreatedAt?: string }).CreatedAt
            ? { createdAt: (volume as { CreatedAt?: string }).CreatedAt }
            : {}),
          ofStack: volume.Labels?.[NAMESPACE_LABEL] === stack,
        })),
        secrets: secrets.map(stored),
        configs: configs.map(stored),
        services,
      },
    });
  } catch (error) {
    throw engineError(error, `read the volumes and secrets of ${stack}`);
  }
}
