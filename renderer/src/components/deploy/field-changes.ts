import type { FieldChange } from '../../../../electron/contract';

/** One line of a service's diff, as people read it. */
export interface ChangeLine {
  label: string;
  before: string;
  after: string;
}

/**
 * A changed field as lines of before → after. The environment and label maps go one entry at a
 * time, since the whole list hides the one that changed (secret-like values arrive as `<secret>`).
 */
export function changeLines(change: FieldChange): ChangeLine[] {
  if (change.field === 'env') return entryLines('env', variables(change.before), variables(change.after));
  if (isTextMap(change.before) && isTextMap(change.after)) {
    return entryLines(change.field, textMap(change.before), textMap(change.after));
  }
  return [{ label: change.field, before: shown(change.before), after: shown(change.after) }];
}

function entryLines(field: string, before: Map<string, string>, after: Map<string, string>): ChangeLine[] {
  return [...new Set([...before.keys(), ...after.keys()])]
    .sort()
    .filter((name) => before.get(name) !== after.get(name))
    .map((name) => ({
      label: `${field} ${name}`,
      before: before.get(name) ?? '(unset)',
      after: after.get(name) ?? '(unset)',
    }));
}

/** A map of texts such as labels; absent (null) counts as empty. */
function isTextMap(value: unknown): value is Record<string, string> | null | undefined {
  if (value === null || value === undefined) return true;
  return typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

function textMap(value: Record<string, string> | null | undefined): Map<string, string> {
  return new Map(Object.entries(value ?? {}));
}

function variables(value: unknown): Map<string, string> {
  const entries = Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  return new Map(
    entries.map((entry) => {
      const equals = entry.indexOf('=');
      return equals < 0 ? [entry, ''] : [entry.slice(0, equals), entry.slice(equals + 1)];
    }),
  );
}

function shown(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The image of a service to create, from the spec its single change carries. */
export function createdImage(changes: readonly FieldChange[]): string | undefined {
  const spec = changes.find((change) => change.field === 'spec')?.after as
    { TaskTemplate?: { ContainerSpec?: { Image?: unknown } } } | undefined;
  const image = spec?.TaskTemplate?.ContainerSpec?.Image;
  return typeof image === 'string' ? image : undefined;
}
