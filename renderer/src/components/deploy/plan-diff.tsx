import type { ReactNode } from 'react';

import type { ObjectPlan, Plan, ServicePlan } from '../../../../electron/contract';
import { changeLines, createdImage } from './field-changes';

const actionWords = { create: 'Create', update: 'Update', remove: 'Remove', unchanged: 'Unchanged' } as const;
const objectKinds = [
  ['secrets', 'secret'],
  ['configs', 'config'],
  ['networks', 'network'],
  ['volumes', 'volume'],
] as const;

/** A plan as a readable diff: each changed service with its fields before → after, then the objects. */
export function PlanDiff({ plan }: { plan: Plan }): ReactNode {
  if (plan.noChanges) {
    return (
      <p className="plan-no-changes" data-testid="plan-no-changes">
        No changes: stack <strong>{plan.stack}</strong> already runs what the files describe.
      </p>
    );
  }
  const changed = plan.services.filter((service) => service.action !== 'unchanged');
  const unchanged = plan.services.filter((service) => service.action === 'unchanged');
  const objects = objectKinds.flatMap(([field, kind]) => plan[field].map((object) => ({ kind, object })));
  return (
    <div className="plan-diff" data-testid="plan-diff">
      <p className="plan-summary">{summary(plan)}</p>
      <ul className="plan-services">
        {changed.map((service) => (
          <ServiceDiff key={service.name} service={service} />
        ))}
      </ul>
      {unchanged.length > 0 && (
        <details className="plan-unchanged">
          <summary>
            {unchanged.length} unchanged service{unchanged.length === 1 ? '' : 's'}
          </summary>
          {unchanged.map((service) => service.key).join(', ')}
        </details>
      )}
      {objects.length > 0 && (
        <ul className="plan-objects">
          {objects.map(({ kind, object }) => (
            <ObjectDiff key={`${kind}:${object.name}`} kind={kind} object={object} />
          ))}
        </ul>
      )}
    </div>
  );
}

function summary(plan: Plan): string {
  const count = (action: ServicePlan['action']) => plan.services.filter((s) => s.action === action).length;
  return `Services: ${count('create')} to create, ${count('update')} to update, ${count('remove')} to remove.`;
}

function ServiceDiff({ service }: { service: ServicePlan }): ReactNode {
  const image = service.action === 'create' ? createdImage(service.changes) : undefined;
  return (
    <li className={`plan-service plan-${service.action}`}>
      <div className="plan-service-head">
        <span className="plan-action">{actionWords[service.action]}</span> <strong>{service.key}</strong>
        {image && <span className="plan-note"> {image}</span>}
        {service.action === 'update' && (
          <span className={service.restarts ? 'plan-restart' : 'plan-note'}>
            {service.restarts ? ' restarts its tasks' : ' no restart'}
          </span>
        )}
      </div>
      {service.action === 'update' && (
        <table className="plan-changes">
          <tbody>
            {service.changes.flatMap(changeLines).map((line) => (
              <tr key={line.label}>
                <th scope="row">{line.label}</th>
                <td className="plan-before">{line.before}</td>
                <td aria-hidden="true">→</td>
                <td className="plan-after">{line.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

function ObjectDiff({ kind, object }: { kind: string; object: ObjectPlan }): ReactNode {
  const later = object.action === 'create' && object.by === 'swarm' ? ' (by the swarm, on first use)' : '';
  return (
    <li className={`plan-object plan-${object.action}`}>
      <span className="plan-action">{actionWords[object.action]}</span> {kind} <code>{object.name}</code>
      {later}
    </li>
  );
}
