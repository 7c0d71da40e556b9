import type pg from 'pg';

import { ClairError, type DatabaseStatus } from '../../contract';
import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';
import type { DatabaseSession, DatabaseSessions, SessionStatus } from './database-sessions';
import { listRelations, listSchemas, relationDetails } from './schema-tree';
import { commitStatements, editStatements } from './staged-edits';
import { readRows } from './table-page';

/** The status as the screen sees it: the cache key stays in the core. */
function statusOf({ key: _key, ...status }: SessionStatus): DatabaseStatus {
  return status;
}

export function createDatabaseHandlers(workspace: Workspace, sessions: DatabaseSessions): Handlers['database'] {
  /**
   * The environment's session, opened on first use. Opening reads the database of production or a
   * remote swarm, so it asks for the environment's name as every such action does.
   */
  const session = async (name: string, confirm?: string): Promise<DatabaseSession> => {
    const opened = sessions.opened(name);
    if (opened) return opened;
    const { environment } = await workspace.open(name);
    workspace.requireConfirmation('database-connect', environment, confirm);
    return sessions.open({ environment: name });
  };
  /** Reads are retried once on a new connection when the database dropped the old one. */
  const read = async <T>(name: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> =>
    (await session(name)).withClient(work, { retry: true });

  return {
    connect: async ({ environment, confirm }) => statusOf((await session(environment, confirm)).status()),

    status: async ({ environment }, emit, signal) => {
      const current = await session(environment);
      emit(statusOf(current.status()));
      await new Promise<void>((resolve) => {
        const leave = current.onChange((status) => emit(statusOf(status)));
        signal.addEventListener(
          'abort',
          () => {
            leave();
            resolve();
          },
          { once: true },
        );
      });
    },

    unlock: async ({ environment: name, minutes, confirm }) => {
      const current = await session(name);
      if (!current.environment) throw new ClairError({ code: 'bad-request', message: `${name} is not an environment` });
      workspace.requireConfirmation('database-unlock', current.environment, confirm);
      await current.unlock(minutes * 60_000);
      return statusOf(current.status());
    },

    lock: async ({ environment }) => {
      const current = await session(environment);
      await current.lock();
      return statusOf(current.status());
    },

    schemas: async ({ environment }) => ({ schemas: await read(environment, (client) => listSchemas(client)) }),

    relations: async ({ environment, schema }) => ({
      relations: await read(environment, (client) => listRelations(client, schema)),
    }),

    relation: async ({ environment, schema, relation }) =>
      read(environment, (client) => relationDetails(client, schema, relation)),

    rows: async ({ environment, ...query }) => read(environment, (client) => readRows(client, query)),

    previewEdits: async ({ environment, edits }) => {
      const statements = await read(environment, (client) => editStatements(client, edits));
      return { statements: statements.map((statement) => statement.preview) };
    },

    commitEdits: async ({ environment, edits, confirm }) => {
      const current = await session(environment);
      if (current.environment) workspace.requireConfirmation('database-write', current.environment, confirm);
      // Never repeated after a dropped connection: whether the commit landed is then unknown.
      return current.withClient(
        async (client) => {
          const statements = await editStatements(client, edits);
          const rowsAffected = await commitStatements(client, statements);
          return { statements: statements.map((statement) => statement.preview), rowsAffected };
        },
        { retry: false },
      );
    },
  };
}
