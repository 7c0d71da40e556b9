import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';

export function createServicesHandlers(_workspace: Workspace): Handlers['services'] {
  return {};
}
