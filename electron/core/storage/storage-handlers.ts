import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';
import { createMissingVolumes } from './create-volumes';
import { readStorage } from './read-storage';
import { rotateSecret } from './rotate-secret';

export function createStorageHandlers(workspace: Workspace): Handlers['storage'] {
  return {
    list: async ({ environment: name }) => {
      const { environment, model } = await workspace.openForDeploy(name);
      return readStorage(await workspace.docker(environment), environment.stackName, model);
    },
    createVolumes: async ({ environment: name, confirm }) => {
      const { environment, model } = await workspace.openForDeploy(name);
      workspace.requireConfirmation('volumes-create', environment, confirm);
      const docker = await workspace.docker(environment);
      return { created: await createMissingVolumes(docker, environment.stackName, model) };
    },
    rotateSecret: async ({ environment: name, secret, value, confirm }) => {
      const { environment, model } = await workspace.openForDeploy(name);
      workspace.requireConfirmation('secret-rotate', environment, confirm);
      const docker = await workspace.docker(environment);
      return rotateSecret(docker, environment.stackName, model, secret, value);
    },
  };
}
