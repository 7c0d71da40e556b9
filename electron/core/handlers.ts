import { join } from 'node:path';

import type { AppInfo } from '../contract';
import { createActivityHandlers } from './activity/activity-handlers';
import { ActivityLog } from './activity/activity-log';
import { createContextsHandlers } from './contexts/contexts-handlers';
import { createDeployHandlers } from './deploy/deploy-handlers';
import { createEnvironmentsHandlers } from './environments/environments-handlers';
import { createDispatcher, type Dispatcher, type Handlers } from './ipc/dispatcher';
import { createLogsHandlers } from './logs/logs-handlers';
import { createFileSecretStore } from './secrets/file-secret-store';
import type { SecretStore } from './secrets/secret-store';
import { createSecretsHandlers } from './secrets/secrets-handlers';
import { createServicesHandlers } from './stack-services/stack-services-handlers';
import { createStorageHandlers } from './storage/storage-handlers';
import { Workspace, type WorkspaceOptions } from './workspace/workspace';

export interface CoreConfig extends WorkspaceOptions {
  shell: AppInfo['shell'];
  version: string;
  /** Unexpected failures with their stack; users see a short message instead. */
  logError: (message: string, error: unknown) => void;
  /** Electron passes its safeStorage store; by default secrets go to a 0600 file in the state folder. */
  secretStore?: SecretStore;
}

export interface Core {
  dispatcher: Dispatcher;
  workspace: Workspace;
  activity: ActivityLog;
  dispose: () => Promise<void>;
}

/** The composition root of the control-centre engine: every contract channel, implemented. */
export function createCore(config: CoreConfig): Core {
  const workspace = new Workspace(config);
  const activity = new ActivityLog(join(workspace.stateDir, 'activity.jsonl'), config.logError);
  const handlers: Handlers = {
    app: {
      getInfo: async () => ({
        name: 'Clair control centre',
        version: config.version,
        shell: config.shell,
        platform: `${process.platform}-${process.arch}`,
        nodeVersion: process.versions.node,
      }),
    },
    environments: createEnvironmentsHandlers(workspace),
    contexts: createContextsHandlers(workspace),
    deploy: createDeployHandlers(workspace),
    services: createServicesHandlers(workspace),
    logs: createLogsHandlers(workspace),
    storage: createStorageHandlers(workspace),
    activity: createActivityHandlers(activity),
    secrets: createSecretsHandlers(
      config.secretStore ?? createFileSecretStore(join(workspace.stateDir, 'secrets.json')),
    ),
  };
  const dispatcher = createDispatcher(handlers, {
    logError: config.logError,
    recordActivity: (record) => activity.record(record),
  });
  return { dispatcher, workspace, activity, dispose: () => workspace.dispose() };
}
