import type { ReactNode } from 'react';

import { useRecoveryStore } from '../../stores/recovery-store';

/**
 * The buttons under a step that runs (fetch, import): Cancel while it runs; afterwards Start over,
 * and whatever the step offers next (`after`: fetch again, resume).
 */
export function RunControls({
  running,
  onCancel,
  after,
}: {
  running: boolean;
  onCancel: () => void;
  after?: ReactNode;
}): ReactNode {
  const restart = useRecoveryStore((s) => s.restart);
  return (
    <div className="recovery-nav">
      {running ? (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      ) : (
        <>
          <button type="button" onClick={restart}>
            Start over
          </button>
          {after}
        </>
      )}
    </div>
  );
}
