import type { ReactNode } from 'react';

import type { StorageStatus } from '../../../../electron/contract';

const labels: Record<StorageStatus, string> = { exists: 'Exists', missing: 'Missing', unused: 'Unused' };

export function StatusBadge({ status }: { status: StorageStatus }): ReactNode {
  return <span className={`badge storage-${status}`}>{labels[status]}</span>;
}
