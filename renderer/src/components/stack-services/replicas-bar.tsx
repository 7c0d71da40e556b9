import type { ReactNode } from 'react';

import type { StackService } from '../../../../electron/contract';

/** "2/3" with a bar filled by the running share: green when complete, amber when short, red at none. */
export function ReplicasBar({ replicas }: { replicas: StackService['replicas'] }): ReactNode {
  const { running, desired } = replicas;
  const share = desired === 0 ? 1 : Math.min(running / desired, 1);
  const state = running >= desired ? 'complete' : running === 0 ? 'none' : 'short';
  return (
    <span className={`replicas replicas-${state}`} data-testid="replicas">
      <span className="replicas-count">
        {running}/{desired}
      </span>
      <span className="replicas-bar" aria-hidden="true">
        <span style={{ width: `${share * 100}%` }} />
      </span>
    </span>
  );
}
