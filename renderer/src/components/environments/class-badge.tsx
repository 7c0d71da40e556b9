import type { ReactNode } from 'react';

import type { EnvironmentClass } from '../../../../electron/contract';

/** The environment's class in its colour: development green, staging amber, production red. */
export function ClassBadge({ environmentClass }: { environmentClass: EnvironmentClass }): ReactNode {
  return <span className={`class-badge class-${environmentClass}`}>{environmentClass}</span>;
}
