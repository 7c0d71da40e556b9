import { join } from 'node:path';

import type { AppInfo } from '../contract';
import { createActivityHandlers } from './activity/activity-handlers';
import { ActivityLog } from './activity/activity-log';
import { createContextsHandlers } from './contexts/contexts-handlers';
import { createDeployHandlers } from './deploy/deploy-handlers';
import { createEnvironmentsHandlers } from './environments/environments-handlers';
import { createFixturesHandlers } from './fixtures/fixtures-handlers';
import { createDispatcher, type Dispatcher, type Handlers } from './ipc/dispatcher';
import { createLogsHandlers } from './logs/logs-handlers';
import { connectDatabase, type DatabaseTarget } from './database/connect-database';
import { createDatabaseHandlers } from './database/database-handlers';
import { DatabaseSessions } from './database/database-sessions';
import { SavedConnections } from './database/saved-connections';
import { createRecoveryHandlers } from './recovery/recovery-handlers';
import { createFileSecretStore } from './secrets/file-secret-store';
import type { SecretStore } from './secrets/secret-store';
import { createSecretsHandlers } from './secrets/secrets-handlers';
import { createSqlHandlers } from './sql/sql-handlers';
import { createServicesHandlers } from './stack-services/stack-services-handlers';
import { createStorageHandlers } from './storage/storage-handlers';
import { createUplinksHandlers } from './uplinks/uplinks-handlers';
import { Workspace, type WorkspaceOptions } from './workspace/workspace';

export interface CoreConfig extends WorkspaceOptions {
  shell: AppInfo['shell'];
  version: string;
  /** Unexpected failures with their stack; users see a short message instead. */
  logError: (message: string, error: unknown) => void;
  /** Electron passes its safeStorage store; by default secrets go to a 0600 file in the state folder. */
  secretStore?: SecretStore;
  /**
   * The database the database screens, fixture import and recovery use for an environment instead of
   * its stack's db service (tests: a scratch database on the local PostgreSQL).
   */
  databaseTarget?: (environment: string) => DatabaseTarget;
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
  // One database session per environment or saved connection, shared by the Database screen and the SQL editor.
  const secretStore = config.secretStore ?? createFileSecretStore(join(workspace.stateDir, 'secrets.json'));
  const savedConnections = new SavedConnections(secretStore);
  const databaseSessions = new DatabaseSessions(workspace, savedConnections, config.databaseTarget);
  const targetOf = config.databaseTarget ?? ((environment: string): DatabaseTarget => ({ environment }));
  const openDatabase = (environment: string, options: { readOnly: boolean }) =>
    connectDatabase(workspace, targetOf(environment), options);
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
    recovery: createRecoveryHandlers(workspace, { openDatabase }),
    activity: createActivityHandlers(activity),
    database: createDatabaseHandlers(workspace, databaseSessions, savedConnections),
    sql: createSqlHandlers(workspace, databaseSessions, config.logError),
    uplinks: createUplinksHandlers(workspace),
    fixtures: createFixturesHandlers(workspace, { openDatabase }),
    secrets: createSecretsHandlers(secretStore),
  };
  const dispatcher = createDispatcher(handlers, {
    logError: config.logError,
    recordActivity: (record) => activity.record(record),
  });
  return {
    dispatcher,
    workspace,
    activity,
    dispose: async () => {
      await databaseSessions.dispose();
      await workspace.dispose();
    },
  };
}
