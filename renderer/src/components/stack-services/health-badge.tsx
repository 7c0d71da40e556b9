import type { ReactNode } from 'react';

import type { TaskHealth } from '../../../../electron/contract';

const labels: Record<TaskHealth, string> = {
  healthy: 'Healthy',
  unhealthy: 'Unhealthy',
  starting: 'Starting',
  none: 'No healthcheck',
};

export function HealthBadge({ health }: { health: TaskHealth }): ReactNode {
  return <span className={`badge health-${health}`}>{labels[health]}</span>;
}
