import type { ReactNode } from 'react';

import type { ImportProgress } from '../../stores/recovery-store';
import { useRecoveryStore } from '../../stores/recovery-store';
import { RunControls } from './run-controls';

/** Step 5: batches written so far; cancelling stops after the batch in flight, resuming continues there. */
export function RecoveryImport({ importing }: { importing: ImportProgress }): ReactNode {
  const cancel = useRecoveryStore((s) => s.cancelImport);
  const resume = useRecoveryStore((s) => s.startImport);
  const status =
    importing.status === 'running'
      ? `Importing: ${importing.done.toLocaleString('en')} of ${importing.total.toLocaleString('en')} samples…`
      : importing.status === 'cancelled'
        ? `Cancelled after ${importing.done.toLocaleString('en')} of ${importing.total.toLocaleString('en')} samples. Resuming continues there, without duplicates.`
        : importing.status === 'failed'
          ? `The import stopped: ${importing.error ?? 'unknown error'}. Resuming continues after the last batch written.`
          : 'Imported.';
  return (
    <div className="recovery-step">
      <p className={importing.status === 'failed' ? 'recovery-summary state-error' : 'recovery-summary'} role="status">
        {status}
      </p>
      <progress
        className="recovery-progress"
        max={Math.max(1, importing.total)}
        value={importing.done}
        aria-label="Samples imported"
      />
      <RunControls
        running={importing.status === 'running'}
        onCancel={cancel}
        after={
          <button type="button" className="primary" onClick={resume}>
            Resume import
          </button>
        }
      />
    </div>
  );
}
