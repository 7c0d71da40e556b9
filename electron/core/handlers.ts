import type { AppInfo } from '../contract';
import { listEnvironments } from './environments/list-environments';
import type { Handlers } from './ipc/dispatcher';

export interface CoreConfig {
  shell: AppInfo['shell'];
  version: string;
  /** The folder holding the `*.env` files, usually the repository's `environments/`. */
  environmentsDir: string;
}

/** The composition root of the control-centre engine: every contract channel, implemented. */
export function createHandlers(config: CoreConfig): Handlers {
  return {
    app: {
      getInfo: async () => ({
        name: 'Clair control centre',
        version: config.version,
        shell: config.shell,
        platform: `${process.platform}-${process.arch}`,
        nodeVersion: process.versions.node,
      }),
    },
    environments: {
      list: () => listEnvironments(config.environmentsDir),
    },
  };
}
