import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';

export function createLogsHandlers(_workspace: Workspace): Handlers['logs'] {
  return {};
}
