import type { ReactNode } from 'react';

import type { ConnectionStatus } from '../../stores/contexts-store';

/** A context's connection in colour: checking, reachable with its engine and swarm, or why not and what to do. */
export function ConnectionState({ status }: { status: ConnectionStatus | undefined }): ReactNode {
  if (!status || status.state === 'checking') {
    return <span className="connection connection-checking">checking…</span>;
  }
  if (status.state === 'reachable') {
    const swarm =
      status.swarmRole === 'inactive'
        ? 'no swarm'
        : `swarm ${status.swarmRole}${status.nodeCount !== undefined ? `, ${status.nodeCount} node${status.nodeCount === 1 ? '' : 's'}` : ''}`;
    return (
      <span className="connection connection-reachable">
        Reachable · Docker {status.engineVersion} · {swarm}
      </span>
    );
  }
  return (
    <span className="connection connection-unreachable">
      <strong>Unreachable.</strong> {status.message}
    </span>
  );
}
