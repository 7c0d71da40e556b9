import { join } from 'node:path';

import { ClairError, type DatabaseSource, sqlGridRowLimit } from '../../contract';
import { DatabaseSessions, sessionSource } from '../database/database-sessions';
import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';
import { explainStatement } from './explain-statement';
import { exportData, exportPath } from './export-data';
import { QueryHistory } from './query-history';
import { runStatements } from './run-statements';
import { CancelledError, endQuietlyWhenCancelled } from '../database/cancel-on-abort';
import { isDatabaseError } from './sql-error';

export function createSqlHandlers(
  workspace: Workspace,
  sessions: DatabaseSessions,
  logError: (message: string, error: unknown) => void,
): Handlers['sql'] {
  const history = new QueryHistory(join(workspace.stateDir, 'sql-history'), logError);
  /** Each database's runs are kept apart: an environment's, a saved connection's. */
  const historyKey = (request: DatabaseSource) => DatabaseSessions.keyOf(sessionSource(request));
  /**
   * The session as the Database screen opened it. Opening one here reads the database too, so
   * production asks for its name first, as on the Database screen: the editor's tab shows only
   * once the screen has connected.
   */
  const open = (request: DatabaseSource) => sessions.forRequest(request);

  return {
    run: async (request, emit, signal) => {
      const { sql, origin } = request;
      const session = await open(request);
      const at = new Date().toISOString();
      try {
        const summary = await runStatements(session, { sql, origin, rowLimit: sqlGridRowLimit, emit, signal });
        await history.append(historyKey(request), { at, sql, ...summary });
      } catch (error) {
        const message = error instanceof CancelledError ? 'cancelled' : (error as Error).message;
        await history.append(historyKey(request), { at, sql, durationMs: Date.now() - Date.parse(at), error: message });
        endQuietlyWhenCancelled(error);
      }
    },

    explain: async (request, emit, signal) => {
      const session = await open(request);
      try {
        emit(await explainStatement(session, request, signal));
      } catch (error) {
        endQuietlyWhenCancelled(error);
      }
    },

    history: async (request) => {
      const { search, limit } = request;
      return { entries: await history.list(historyKey(request), search, limit) };
    },

    export: async (request, emit, signal) => {
      const session = await open(request);
      const path = exportPath(request.path, request.source, request.format, workspace.env.HOME);
      try {
        await exportData(session, { ...request, path }, emit, signal);
      } catch (error) {
        endQuietlyWhenCancelled(error);
        if (isDatabaseError(error)) {
          throw new ClairError({ code: 'failed', message: `The export stopped: ${error.message}` });
        }
        throw error;
      }
    },
  };
}
