import { looksSecret } from '../core/guardrails/secret-names';
import type { FieldChange, ObjectPlan, Plan, ServicePlan } from '../core/stack/plan/plan-schema';

const symbols = { create: '+', update: '~', remove: '-', unchanged: ' ' } as const;

/**
 * A plan as a terminal shows it: per service the action, each changed field before → after and
 * whether its tasks restart; then the secrets, configs, networks and volumes to create or remove.
 * Secrets and configs appear by their content-hashed names only.
 */
export function formatPlan(plan: Plan): string[] {
  if (plan.noChanges) return ['No changes.'];
  const lines = [`Stack ${plan.stack}:`];
  for (const service of plan.services.filter((candidate) => candidate.action !== 'unchanged')) {
    lines.push(...serviceLines(service));
  }
  const unchanged = plan.services.filter((service) => service.action === 'unchanged').map((service) => service.key);
  if (unchanged.length > 0) lines.push(`  unchanged: ${unchanged.join(', ')}`);
  for (const [kind, objects] of [
    ['secret', plan.secrets],
    ['config', plan.configs],
    ['network', plan.networks],
    ['volume', plan.volumes],
  ] as const) {
    lines.push(...objects.map((object) => objectLine(kind, object)));
  }
  return lines;
}

function serviceLines(service: ServicePlan): string[] {
  const restart = service.action === 'update' ? (service.restarts ? ' (restarts its tasks)' : ' (no restart)') : '';
  const head = `${symbols[service.action]} ${service.action} service ${service.key}${restart}`;
  if (service.action !== 'update') return [head];
  return [head, ...service.changes.flatMap(changeLines)];
}

function changeLines(change: FieldChange): string[] {
  if (change.field === 'env') return envLines(change);
  return [`      ${change.field}: ${show(change.before)} → ${show(change.after)}`];
}

/** Environment changes one variable at a time, since the whole list hides the one that changed. */
function envLines(change: FieldChange): string[] {
  const before = envMap(change.before);
  const after = envMap(change.after);
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const value = (name: string, text: string | undefined) =>
    text === undefined ? '(unset)' : looksSecret(name) ? '<secret>' : JSON.stringify(text);
  return names
    .filter((name) => before.get(name) !== after.get(name))
    .map((name) => `      env ${name}: ${value(name, before.get(name))} → ${value(name, after.get(name))}`);
}

function envMap(value: unknown): Map<string, string> {
  const entries = Array.isArray(value) ? (value as string[]) : [];
  return new Map(
    entries.map((entry) => {
      const equals = entry.indexOf('=');
      return equals < 0 ? [entry, ''] : [entry.slice(0, equals), entry.slice(equals + 1)];
    }),
  );
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function objectLine(kind: string, object: ObjectPlan): string {
  const by = object.action === 'create' && object.by === 'swarm' ? ' (by the swarm, on first use)' : '';
  return `${symbols[object.action]} ${object.action} ${kind} ${object.name}${by}`;
}
