import type { ReactNode } from 'react';

import type { EnvironmentDetails } from '../../../../electron/contract';
import type { ConnectionStatus } from '../../stores/contexts-store';
import { ClassBadge } from './class-badge';
import { ConnectionState } from './connection-state';
import { ProblemList } from './problem-list';

interface EnvironmentsTableProps {
  environments: readonly EnvironmentDetails[];
  connections: Record<string, ConnectionStatus>;
}

/** One row per env file: its class in colour, stack, docker context and its connection, and its problems. */
export function EnvironmentsTable({ environments, connections }: EnvironmentsTableProps): ReactNode {
  return (
    <table className="table environments-table" data-testid="environments">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">File</th>
          <th scope="col">Class</th>
          <th scope="col">Stack</th>
          <th scope="col">Docker context</th>
          <th scope="col">Connection</th>
        </tr>
      </thead>
      <tbody>
        {environments.map((env) => (
          <tr key={env.file} className={`environment-row class-row-${env.class}`}>
            <td>
              <strong>{env.name}</strong>
              {env.domain && <div className="muted">{env.domain}</div>}
              <ProblemList problems={env.problems} />
            </td>
            <td>
              <code>{env.file}</code>
              <div className="muted">{env.isExample ? 'Example, fill in to deploy' : 'Ready'}</div>
            </td>
            <td>
              <ClassBadge environmentClass={env.class} />
            </td>
            <td>
              <code>{env.stackName}</code>
            </td>
            <td>
              <code>{env.dockerContext}</code>
            </td>
            <td>
              {env.isExample ? (
                <span className="muted">not checked (example)</span>
              ) : (
                <ConnectionState status={connections[env.dockerContext]} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
