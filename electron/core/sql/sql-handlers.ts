import { join } from 'node:path';

import { ClairError, sqlGridRowLimit } from '../../contract';
import type { DatabaseSessions } from '../database/database-sessions';
import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';
import { explainStatement } from './explain-statement';
import { exportData, exportPath } from './export-data';
import { QueryHistory } from './query-history';
import { runStatements } from './run-statements';
import { CancelledError } from './session-transaction';
import { isDatabaseError } from './sql-error';

/** A cancelled run is how the user stopped it, not a failure: the stream just ends. */
function endQuietlyWhenCancelled(error: unknown): void {
  if (!(error instanceof CancelledError)) throw error;
}

export function createSqlHandlers(
  workspace: Workspace,
  sessions: DatabaseSessions,
  logError: (message: string, error: unknown) => void,
): Handlers['sql'] {
  const history = new QueryHistory(join(workspace.stateDir, 'sql-history'), logError);
  /**
   * The environment's session as the Database screen opened it. Opening one here reads the
   * database too, so production asks for its name first, as on the Database screen: the editor's
   * tab shows only once the screen has connected.
   */
  const open = async (name: string) => {
    const opened = sessions.opened(name);
    if (opened) return opened;
    const { environment } = await workspace.open(name);
    workspace.requireConfirmation('database-connect', environment, undefined);
    return sessions.open({ environment: name });
  };

  return {
    run: async (request, emit, signal) => {
      const { environment, sql, origin } = request;
      const session = await open(environment);
      const at = new Date().toISOString();
      try {
        const summary = await runStatements(session, { sql, origin, rowLimit: sqlGridRowLimit, emit, signal });
        await history.append(environment, { at, sql, ...summary });
      } catch (error) {
        const message = error instanceof CancelledError ? 'cancelled' : (error as Error).message;
        await history.append(environment, { at, sql, durationMs: Date.now() - Date.parse(at), error: message });
        endQuietlyWhenCancelled(error);
      }
    },

    explain: async (request, emit, signal) => {
      const session = await open(request.environment);
      try {
        emit(await explainStatement(session, request, signal));
      } catch (error) {
        endQuietlyWhenCancelled(error);
      }
    },

    history: async (request) => {
      const { environment, search, limit } = request;
      return { entries: await history.list(environment, search, limit) };
    },

    export: async (request, emit, signal) => {
      const session = await open(request.environment);
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
