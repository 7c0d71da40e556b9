import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';

export function createContextsHandlers(_workspace: Workspace): Handlers['contexts'] {
  return {};
}
