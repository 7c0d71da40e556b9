import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';
import { environmentDetails } from './environment-details';
import { listEnvironments } from './list-environments';

export function createEnvironmentsHandlers(workspace: Workspace): Handlers['environments'] {
  return {
    list: () => listEnvironments(workspace.environmentsDir),
    details: () => environmentDetails(workspace.environmentsDir),
  };
}
