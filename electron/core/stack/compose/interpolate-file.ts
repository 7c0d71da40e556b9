import { interpolate, type Variables } from './interpolate';
import type { SourceProblem } from './source-problem';
import { nodeAt, positionAt, type JsonPath, type YamlSource } from './yaml-source';

/**
 * Fields whose schema type is not a string: a value interpolated into them arrives as text and is
 * converted back, as compose does, so that `replicas: ${REPLICAS}` validates. Only interpolated
 * values are converted; a literal "3" stays a string and the schema says so.
 */
const typedFields: readonly [pattern: string, type: 'integer' | 'number' | 'boolean'][] = [
  ['services.*.init', 'boolean'],
  ['services.*.deploy.replicas', 'integer'],
  ['services.*.deploy.update_config.parallelism', 'integer'],
  ['services.*.deploy.update_config.max_failure_ratio', 'number'],
  ['services.*.deploy.rollback_config.parallelism', 'integer'],
  ['services.*.deploy.rollback_config.max_failure_ratio', 'number'],
  ['services.*.deploy.restart_policy.max_attempts', 'integer'],
  ['services.*.healthcheck.retries', 'number'],
  ['services.*.healthcheck.disable', 'boolean'],
  ['services.*.ports.*.target', 'integer'],
  ['services.*.ports.*.published', 'integer'],
  ['services.*.volumes.*.read_only', 'boolean'],
  ['services.*.secrets.*.mode', 'number'],
  ['services.*.configs.*.mode', 'number'],
  ['networks.*.attachable', 'boolean'],
  ['networks.*.internal', 'boolean'],
  ['networks.*.external', 'boolean'],
  ['volumes.*.external', 'boolean'],
  ['secrets.*.external', 'boolean'],
  ['configs.*.external', 'boolean'],
];

/**
 * The file's content as plain data with every string value interpolated (keys are not, as in
 * compose). Each unset variable or malformed reference is reported where it is written.
 */
export function interpolateFile(
  source: YamlSource,
  variables: Variables,
): { data: unknown; problems: SourceProblem[] } {
  const problems: SourceProblem[] = [];

  const visit = (value: unknown, path: (string | number)[]): unknown => {
    if (typeof value === 'string') {
      if (!value.includes('$')) return value;
      const result = interpolate(value, variables);
      for (const problem of result.problems) {
        const position = positionAt(source, referenceOffset(source, path, problem.variable));
        problems.push({ severity: 'error', file: source.file, ...position, message: problem.message });
      }
      return convert(result.value, typeOf(path));
    }
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item, [...path, key])]));
    }
    return value;
  };

  return { data: visit(source.document.toJS({ maxAliasCount: 1000 }), []), problems };
}

/** The source offset of the reference to `variable` inside the scalar at `path`, or of the scalar. */
function referenceOffset(source: YamlSource, path: JsonPath, variable: string | undefined): number {
  const node = nodeAt(source, path);
  const [start, end] = node?.range ?? [0, 0];
  if (variable) {
    const written = new RegExp(`\\$\\{?${variable}(?![_a-zA-Z0-9])`).exec(source.text.slice(start, end));
    if (written) return start + written.index;
  }
  return start;
}

function typeOf(path: JsonPath): 'integer' | 'number' | 'boolean' | undefined {
  return typedFields.find(([pattern]) => {
    const segments = pattern.split('.');
    return (
      segments.length === path.length && segments.every((segment, i) => segment === '*' || segment === String(path[i]))
    );
  })?.[1];
}

function convert(text: string, type: 'integer' | 'number' | 'boolean' | undefined): unknown {
  if (type === 'boolean' && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if ((type === 'integer' || type === 'number') && text.trim() !== '' && Number.isFinite(Number(text))) {
    return Number(text);
  }
  return text;
}
