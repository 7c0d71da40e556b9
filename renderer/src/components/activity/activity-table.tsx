import type { ReactNode } from 'react';

import type { ActivityEntry } from '../../../../electron/contract';

/** Every action taken from the app, newest first: when, where, what, and how it ended. */
export function ActivityTable({ entries }: { entries: ActivityEntry[] }): ReactNode {
  if (entries.length === 0) {
    return (
      <p className="state">
        Nothing done from the app yet. Deploys, rollbacks, scaling and new secrets appear here as they happen.
      </p>
    );
  }
  return (
    <table className="table activity-table" data-testid="activity">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Environment</th>
          <th scope="col">Action</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id} className={`activity-${outcome(entry)}`}>
            <td>
              <time dateTime={entry.finishedAt}>{new Date(entry.finishedAt).toLocaleString()}</time>
            </td>
            <td>{entry.environment ?? '—'}</td>
            <td>{entry.title}</td>
            <td>
              {entry.error ? (
                <>
                  {/* A guarded action the user did not confirm changed nothing: not a failure of the engine. */}
                  {outcome(entry) === 'refused' ? (
                    <span className="result result-refused">Not confirmed</span>
                  ) : (
                    <span className="result result-failed">Failed</span>
                  )}{' '}
                  {entry.error.message}
                </>
              ) : (
                <span className="result result-converged">Done</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function outcome(entry: ActivityEntry): 'ok' | 'refused' | 'failed' {
  if (!entry.error) return 'ok';
  return entry.error.code === 'confirmation-required' ? 'refused' : 'failed';
}
