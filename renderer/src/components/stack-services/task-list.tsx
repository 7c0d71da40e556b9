import type { ReactNode } from 'react';

import type { ServiceTask } from '../../../../electron/contract';
import { HealthBadge } from './health-badge';
import { timeAgo } from './time-ago';

const stateTone = (task: ServiceTask) =>
  task.state === 'running' ? 'ok' : ['failed', 'rejected', 'orphaned'].includes(task.state) ? 'bad' : 'neutral';

/** A service's tasks: current ones first, then the history the swarm keeps, with what went wrong. */
export function TaskList({ tasks }: { tasks: ServiceTask[] }): ReactNode {
  if (tasks.length === 0) return <p className="state">No tasks: the swarm has not scheduled any.</p>;
  return (
    <table className="task-list">
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">Node</th>
          <th scope="col">State</th>
          <th scope="col">Health</th>
          <th scope="col">What happened</th>
          <th scope="col">Since</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr key={task.id} className={task.desiredState === 'running' ? '' : 'task-history'}>
            <td>
              <code>
                {task.slot !== undefined ? `#${task.slot} ` : ''}
                {task.id.slice(0, 10)}
              </code>
            </td>
            <td>{task.node ?? '—'}</td>
            <td>
              <span className={`task-state task-${stateTone(task)}`}>{task.state}</span>
              {task.desiredState !== 'running' && <span className="muted"> → {task.desiredState}</span>}
            </td>
            <td>{task.state === 'running' && <HealthBadge health={task.health} />}</td>
            <td>
              {task.error ?? task.message}
              {task.exitCode !== undefined && task.exitCode !== 0 && ` (exit code ${task.exitCode})`}
            </td>
            <td>{timeAgo(task.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
