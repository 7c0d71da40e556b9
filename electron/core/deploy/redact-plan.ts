import type { Plan } from '../../contract';
import { looksSecret } from '../guardrails/secret-names';

const variableAssignment = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/**
 * The plan as it may leave the engine: every `NAME=value` string whose name looks like a secret,
 * wherever it sits in a change (an env field, a created service's whole spec), shows `<secret>`.
 */
export function redactPlan(plan: Plan): Plan {
  return {
    ...plan,
    services: plan.services.map((service) => ({
      ...service,
      changes: service.changes.map((change) => ({
        ...change,
        before: redactValue(change.before),
        after: redactValue(change.after),
      })),
    })),
  };
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') {
    const name = variableAssignment.exec(value)?.[1];
    return name && looksSecret(name) ? `${name}=<secret>` : value;
  }
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactValue(inner)]));
  }
  return value;
}
