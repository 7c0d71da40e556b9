import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';

export function createStorageHandlers(_workspace: Workspace): Handlers['storage'] {
  return {};
}
