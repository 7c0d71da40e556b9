import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';

export function createDeployHandlers(_workspace: Workspace): Handlers['deploy'] {
  return {};
}
