import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';
import { inspectService, restartService, scaleService } from './service-actions';
import { watchServices } from './watch-services';

export function createServicesHandlers(workspace: Workspace): Handlers['services'] {
  return {
    watch: async ({ environment: name }, emit, signal) => {
      const { environment } = await workspace.open(name);
      await watchServices({
        stack: environment.stackName,
        connect: () => workspace.docker(environment),
        emit,
        signal,
      });
    },
    scale: async ({ environment: name, service, replicas, confirm }) => {
      const { environment } = await workspace.open(name);
      workspace.requireConfirmation('scale', environment, confirm);
      await scaleService(await workspace.docker(environment), environment.stackName, service, replicas);
      return { service, replicas };
    },
    restart: async ({ environment: name, service, confirm }) => {
      const { environment } = await workspace.open(name);
      workspace.requireConfirmation('restart', environment, confirm);
      await restartService(await workspace.docker(environment), environment.stackName, service);
      return { service };
    },
    inspect: async ({ environment: name, service }) => {
      const { environment } = await workspace.open(name);
      return inspectService(await workspace.docker(environment), environment.stackName, service);
    },
  };
}
