import type { ReactNode } from 'react';

import { useSqlStore } from '../../stores/sql-store';
import { DataGrid } from '../database/data-grid';
import { rowSummary } from './row-summary';

/** The last run: its state in a line, then its rows in the shared grid. */
export function SqlResults(): ReactNode {
  const run = useSqlStore((s) => s.run);
  const columns = useSqlStore((s) => s.columns);
  const rows = useSqlStore((s) => s.rows);

  return (
    <div className="sql-results">
      {run.status === 'idle' && (
        <p className="state">Run a query with Ctrl+Enter (⌘+Enter): the selection, or everything.</p>
      )}
      {run.status === 'running' && (
        <p className="state" role="status">
          Running… {rows.length > 0 ? `${rows.length.toLocaleString('en')} rows so far` : ''}
        </p>
      )}
      {run.status === 'cancelled' && (
        <p className="state" role="status">
          Cancelled: the query was stopped on the server.
        </p>
      )}
      {run.status === 'done' && (
        <p className="state sql-summary" role="status">
          {rowSummary(run.done)}
          {run.done.statements > 1 ? ` (last of ${run.done.statements} statements)` : ''}
        </p>
      )}
      {run.status === 'error' && (
        <div className="state state-error" role="alert">
          <p>
            {run.error.line !== undefined ? `Line ${run.error.line}, column ${run.error.column}: ` : ''}
            {run.error.message}
          </p>
          {run.error.detail && <p>{run.error.detail}</p>}
          {run.error.hint && <p>Hint: {run.error.hint}</p>}
        </div>
      )}
      {run.status === 'failed' && (
        <p className="state state-error" role="alert">
          {run.error.message}
        </p>
      )}
      {columns.length > 0 && (
        <DataGrid columns={columns} rows={rows} label="query result" empty="The query returned no rows." />
      )}
    </div>
  );
}
