import type { ReactNode } from 'react';

import { EnvironmentPicker } from '../components/environment-picker';
import { LogDetail } from '../components/logs/log-detail';
import { LogList } from '../components/logs/log-list';
import { LogStatus } from '../components/logs/log-status';
import { LogToolbar } from '../components/logs/log-toolbar';
import { useLogsStore } from '../stores/logs-store';
import { useWatchedEnvironment } from '../stores/use-selected-environment';

/** Every service of the environment's stack, merged by time, live or over a time range. */
export function LogsPage(): ReactNode {
  const open = useLogsStore((s) => s.open);
  const close = useLogsStore((s) => s.close);
  const reload = useLogsStore((s) => s.reload);
  const stream = useLogsStore((s) => s.stream);
  // A boolean, not the count: the page re-renders when the first line arrives, not at every batch.
  const empty = useLogsStore((s) => s.buffer.received === 0);

  const environment = useWatchedEnvironment(open, close);

  return (
    <section className="logs-page">
      <h1>Logs</h1>
      <EnvironmentPicker />
      {!environment ? (
        <p className="state">Choose an environment to see the logs of its stack.</p>
      ) : (
        <>
          <LogToolbar />
          {stream.status === 'failed' && (
            <div className="state state-error" role="alert">
              <p>The logs stopped: {stream.error.message}</p>
              <button type="button" onClick={reload}>
                Try again
              </button>
            </div>
          )}
          <LogStatus />
          {empty && stream.status === 'following' && <p className="state">Waiting for the first lines…</p>}
          {empty && stream.status === 'ended' && <p className="state">No lines in this time range.</p>}
          <LogList />
          <LogDetail />
        </>
      )}
    </section>
  );
}
