import type { ReactNode } from 'react';

import type { StackService } from '../../../../electron/contract';
import { useServicesStore } from '../../stores/stack-services-store';
import { HealthBadge } from './health-badge';
import { ReplicasBar } from './replicas-bar';
import { ScaleForm } from './scale-form';
import { TaskList } from './task-list';
import { timeAgo } from './time-ago';

const COLUMNS = 8;

/** One service, its actions, and its tasks when expanded. */
export function ServiceRow({ service, stack }: { service: StackService; stack: string }): ReactNode {
  const expanded = useServicesStore((s) => s.expanded.has(service.id));
  const busy = useServicesStore((s) => s.busy[service.name]);
  const { toggle, scale, restart, inspect } = useServicesStore.getState();
  const shortName = service.name.startsWith(`${stack}_`) ? service.name.slice(stack.length + 1) : service.name;

  return (
    <>
      <tr className="service-row" data-testid={`service-${shortName}`}>
        <td>
          <button
            type="button"
            className="expander"
            aria-expanded={expanded}
            aria-label={`${expanded ? 'Hide' : 'Show'} the tasks of ${shortName}`}
            onClick={() => toggle(service.id)}
          >
            {expanded ? '▾' : '▸'}
          </button>{' '}
          <strong>{shortName}</strong>
          {service.update && (
            <div className={`update-status update-${service.update.state}`}>
              Update {service.update.state.replace(/_/g, ' ')}
              {service.update.message ? `: ${service.update.message}` : ''}
            </div>
          )}
        </td>
        <td>
          <code>{service.image}</code>
        </td>
        <td>
          <ReplicasBar replicas={service.replicas} />
          {service.mode === 'global' && <span className="muted"> global</span>}
        </td>
        <td>
          <HealthBadge health={service.health} />
        </td>
        <td className={service.restarts > 0 ? 'restarts restarts-some' : 'restarts'}>{service.restarts}</td>
        <td>{timeAgo(service.updatedAt)}</td>
        <td className="service-actions">
          {service.mode === 'replicated' && (
            // Keyed by the live count, so the field starts again from it whenever it changes.
            <ScaleForm
              key={service.replicas.desired}
              name={shortName}
              desired={service.replicas.desired}
              busy={busy}
              onScale={(replicas) => void scale(service.name, replicas)}
            />
          )}
        </td>
        <td className="service-actions">
          <button type="button" disabled={busy !== undefined} onClick={() => void restart(service.name)}>
            {busy === 'restarting' ? 'Restarting…' : 'Restart'}
          </button>
          <button type="button" onClick={() => void inspect(service.name)}>
            Spec
          </button>
        </td>
      </tr>
      {expanded && (
        <tr className="service-tasks">
          <td colSpan={COLUMNS}>
            <TaskList tasks={service.tasks} />
          </td>
        </tr>
      )}
    </>
  );
}
