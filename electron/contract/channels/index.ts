import { activityChannels } from './activity';
import { appChannels } from './app';
import { contextsChannels } from './contexts';
import { deployChannels } from './deploy';
import { environmentsChannels } from './environments';
import { logsChannels } from './logs';
import { secretsChannels } from './secrets';
import { servicesChannels } from './stack-services';
import { storageChannels } from './storage';

export * from './activity';
export * from './app';
export * from './contexts';
export * from './deploy';
export * from './environments';
export * from './logs';
export * from './secrets';
export * from './stack-services';
export * from './storage';

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
} as const;

export type Contract = typeof contract;
