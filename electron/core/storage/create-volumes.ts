import type Docker from 'dockerode';

import type { StackModel } from '../stack/stack-model';
import { withNamespace } from '../stack/swarm/names';
import { volumeName } from '../stack/swarm/service-spec';
import { engineError } from '../docker/engine-error';

/**
 * Creates the declared volumes that do not exist yet: external ones by name only (as the seed's
 * create-volumes did), the stack's own ones with the driver and labels a deploy would give them.
 */
export async function createMissingVolumes(docker: Docker, stack: string, model: StackModel): Promise<string[]> {
  const existing = new Set(((await docker.listVolumes()).Volumes ?? []).map((volume) => volume.Name));
  const created: string[] = [];
  for (const [key, volume] of Object.entries(model.volumes)) {
    const name = volumeName(stack, model, key);
    if (existing.has(name)) continue;
    const options = volume.external
      ? { Name: name }
      : {
          Name: name,
          Driver: volume.driver || 'local',
          DriverOpts: volume.driver_opts,
          Labels: withNamespace(stack, volume.labels),
        };
    try {
      await docker.createVolume(options);
    } catch (error) {
      throw engineError(
        error,
        `create the volume ${name}${created.length ? ` (created so far: ${created.join(', ')})` : ''}`,
      );
    }
    created.push(name);
  }
  return created;
}
