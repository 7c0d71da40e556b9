import { activityChannels } from './activity';
import { appChannels } from './app';
import { contextsChannels } from './contexts';
import { databaseChannels } from './database';
import { deployChannels } from './deploy';
import { environmentsChannels } from './environments';
import { fixturesChannels } from './fixtures';
import { logsChannels } from './logs';
import { recoveryChannels } from './recovery';
import { secretsChannels } from './secrets';
import { servicesChannels } from './stack-services';
import { sqlChannels } from './sql';
import { storageChannels } from './storage';
import { uplinksChannels } from './uplinks';

export * from './activity';
export * from './app';
export * from './contexts';
export * from './database';
export * from './deploy';
export * from './environments';
export * from './fixtures';
export * from './logs';
export * from './recovery';
export * from './secrets';
export * from './sql';
export * from './stack-services';
export * from './storage';
export * from './uplinks';

/**
 * The whole IPC contract, one file per domain. window.clair has exactly this shape: one async
 * function per invoke channel and one subscribe function per stream channel.
 */
export const contract = {
  app: appChannels,
  environments: environmentsChannels,
  contexts: contextsChannels,
  deploy: deployChannels,
  services: servicesChannels,
  logs: logsChannels,
  storage: storageChannels,
  activity: activityChannels,
  secrets: secretsChannels,
  recovery: recoveryChannels,
  uplinks: uplinksChannels,
  fixtures: fixturesChannels,
  sql: sqlChannels,
  database: databaseChannels,
} as const;

export type Contract = typeof contract;
