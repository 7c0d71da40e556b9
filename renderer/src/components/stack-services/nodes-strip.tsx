import type { ReactNode } from 'react';

import type { SwarmNode } from '../../../../electron/contract';

/** The swarm's nodes at a glance: green when ready and active, amber when paused or drained, red when down. */
export function NodesStrip({ nodes }: { nodes: SwarmNode[] }): ReactNode {
  return (
    <ul className="nodes-strip" aria-label="Nodes">
      {nodes.map((node) => {
        const tone = node.state !== 'ready' ? 'down' : node.availability !== 'active' ? 'held' : 'up';
        return (
          <li key={node.id} className={`node node-${tone}`} title={`${node.state}, ${node.availability}`}>
            <strong>{node.hostname}</strong> {node.role}
            {node.leader ? ' (leader)' : ''} · {node.state}
            {node.availability !== 'active' ? ` · ${node.availability}` : ''}
          </li>
        );
      })}
    </ul>
  );
}
