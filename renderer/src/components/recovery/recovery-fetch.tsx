import type { ReactNode } from 'react';

import type { FetchProgress } from '../../stores/recovery-store';
import { useRecoveryStore } from '../../stores/recovery-store';
import { plural } from './recovery-format';
import { RecoveryProblems } from './recovery-problems';
import { RunControls } from './run-controls';

/** Step 3: the Storage Integration requests under way, and what went wrong with any of them. */
export function RecoveryFetch({ fetch }: { fetch: FetchProgress }): ReactNode {
  const cancel = useRecoveryStore((s) => s.cancelFetch);
  const retry = useRecoveryStore((s) => s.startFetch);
  const percent = fetch.ranges === 0 ? 0 : Math.round((fetch.rangesDone / fetch.ranges) * 100);

  return (
    <div className="recovery-step">
      <p className="recovery-summary" role="status">
        {fetch.status === 'running'
          ? `Fetching: ${fetch.rangesDone} of ${fetch.ranges || '…'} ranges, ${plural(fetch.uplinks, 'uplink')} so far…`
          : fetch.status === 'done'
            ? `Fetched ${plural(fetch.uplinks, 'uplink')}; comparing with the database…`
            : `Fetching stopped: ${fetch.error ?? 'unknown error'}`}
      </p>
      <progress className="recovery-progress" max={100} value={percent} aria-label="Ranges fetched" />
      <RecoveryProblems problems={fetch.problems} />
      <RunControls
        running={fetch.status === 'running'}
        onCancel={cancel}
        after={
          fetch.status === 'failed' && (
            <button type="button" className="primary" onClick={retry}>
              Fetch again
            </button>
          )
        }
      />
    </div>
  );
}
