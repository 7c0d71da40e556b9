import type pg from 'pg';

import { ClairError, type DatabaseSource, type DatabaseStatus } from '../../contract';
import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';
import { cancelOnAbort, endQuietlyWhenCancelled } from './cancel-on-abort';
import { DatabaseSessions, type SessionStatus } from './database-sessions';
import type { SavedConnections } from './saved-connections';
import { listRelations, listSchemas, relationDetails } from './schema-tree';
import { commitStatements, editStatements } from './staged-edits';
import { readRows } from './table-page';

/** The status as the screen sees it: the cache key stays in the core. */
function statusOf({ key: _key, ...status }: SessionStatus): DatabaseStatus {
  return status;
}

export function createDatabaseHandlers(
  workspace: Workspace,
  sessions: DatabaseSessions,
  savedConnections: SavedConnections,
): Handlers['database'] {
  const session = (request: DatabaseSource, confirm?: string) => sessions.forRequest(request, confirm);
  /** Reads are retried once on a new connection when the database dropped the old one. */
  const read = async <T>(request: DatabaseSource, work: (client: pg.PoolClient) => Promise<T>): Promise<T> =>
    (await session(request)).withClient(work, { retry: true });
  /** A saved connection's old session would keep using the string it was opened with. */
  const closeSaved = (name: string) => sessions.close(DatabaseSessions.keyOf({ connection: name }));

  return {
    connections: async () => ({ connections: await savedConnections.list() }),

    saveConnection: async (request) => {
      const saved = await savedConnections.save(request);
      await closeSaved(request.name);
      return saved;
    },

    deleteConnection: async ({ name }) => {
      await savedConnections.delete(name);
      await closeSaved(name);
    },

    connect: async ({ confirm, ...request }) => {
      await sessions.closeIfClassChanged(request);
      return statusOf((await session(request, confirm)).status());
    },

    status: async (request, emit, signal) => {
      const current = await session(request);
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

    unlock: async ({ minutes, confirm, ...request }) => {
      const current = await session(request);
      if (current.environment) workspace.requireConfirmation('database-unlock', current.environment, confirm);
      else requireConnectionName(request.connection ?? '', confirm);
      await current.unlock(minutes * 60_000);
      return statusOf(current.status());
    },

    lock: async (request) => {
      const current = await session(request);
      await current.lock();
      return statusOf(current.status());
    },

    schemas: async (request) => ({ schemas: await read(request, (client) => listSchemas(client)) }),

    relations: async ({ schema, ...request }) => ({
      relations: await read(request, (client) => listRelations(client, schema)),
    }),

    relation: async ({ schema, relation, ...request }) =>
      read(request, (client) => relationDetails(client, schema, relation)),

    rows: async ({ environment, connection, ...query }, emit, signal) => {
      const current = await session({ environment, connection });
      try {
        emit(
          await current.withClient((client) => cancelOnAbort(current, client, signal, () => readRows(client, query)), {
            retry: true,
          }),
        );
      } catch (error) {
        endQuietlyWhenCancelled(error);
      }
    },

    previewEdits: async ({ edits, ...request }) => {
      const statements = await read(request, (client) => editStatements(client, edits));
      return { statements: statements.map((statement) => statement.preview) };
    },

    commitEdits: async ({ edits, confirm, ...request }) => {
      const current = await session(request);
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

/** Unlocking a connection saved read-only asks for its name typed, as production asks for its own. */
function requireConnectionName(name: string, typed: string | undefined): void {
  if (typed === name) return;
  throw new ClairError({
    code: 'confirmation-required',
    message:
      typed === undefined
        ? `${name} was saved read-only: type "${name}" to allow writes`
        : `"${typed}" is not "${name}": type the connection's name exactly to confirm`,
  });
}
