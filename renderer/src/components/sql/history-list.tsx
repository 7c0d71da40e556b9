import { type ReactNode, useEffect } from 'react';

import { sourceName } from '../../stores/database-source';
import { useSqlStore } from '../../stores/sql-store';

/** The database's past runs, newest first, searchable; a click puts the SQL back in the editor. */
export function HistoryList(): ReactNode {
  const history = useSqlStore((s) => s.history);
  const search = useSqlStore((s) => s.historySearch);
  const loadHistory = useSqlStore((s) => s.loadHistory);
  const setText = useSqlStore((s) => s.setText);
  const database = useSqlStore((s) => s.database);

  useEffect(() => {
    if (database) loadHistory();
  }, [database, loadHistory]);

  return (
    <div className="sql-history">
      <input
        type="search"
        aria-label="Search the history"
        placeholder="Search the history"
        value={search}
        onChange={(event) => loadHistory(event.target.value)}
      />
      {history.status === 'loading' && <p className="state">Loading…</p>}
      {history.status === 'failed' && (
        <p className="state state-error" role="alert">
          {history.message}
        </p>
      )}
      {history.status === 'ready' && history.data.length === 0 && (
        <p className="state">
          {search
            ? 'No past query matches.'
            : `No query has run on ${database ? sourceName(database) : 'this database'} yet.`}
        </p>
      )}
      {history.status === 'ready' && history.data.length > 0 && (
        <ol className="sql-history-list" aria-label="query history">
          {history.data.map((entry) => (
            <li key={`${entry.at}-${entry.sql}`}>
              <button type="button" title="Load into the editor" onClick={() => setText(entry.sql)}>
                <code>{entry.sql}</code>
                <small className={entry.error ? 'sql-history-error' : undefined}>
                  {new Date(entry.at).toLocaleString()} · {entry.durationMs} ms ·{' '}
                  {entry.error ? `failed: ${entry.error}` : `${(entry.rowCount ?? 0).toLocaleString('en')} rows`}
                </small>
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
