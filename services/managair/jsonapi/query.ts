import { JsonApiErrors, jsonApiError, type JsonApiError } from './errors';
import { lastValue } from './pagination';

/** What one endpoint understands, besides `page[…]` (pagination.ts), which every list takes. */
export interface QuerySpec {
  /** Include paths, e.g. `['address', 'rooms.installations']`; every prefix of one is allowed too. */
  include?: readonly string[];
  /** Sparse fieldsets: the attribute and relationship names each type may be cut down to. */
  fields?: Readonly<Record<string, readonly string[]>>;
  /** Filters the endpoint applies (`organization` for `filter[organization]`). */
  filters?: readonly string[];
  /** Fields `sort` may name (optionally with `-`); without it, `sort` is refused. */
  sort?: readonly string[];
  /** Endpoint-specific plain parameters, e.g. `include_timeseries`, `include_histogram`. */
  extra?: readonly string[];
}

export interface SortKey {
  field: string;
  descending: boolean;
}

export interface ParsedQuery {
  /** Each include path once, with its prefixes: `rooms.installations` brings `rooms` too. */
  include: string[];
  /** Per type, the requested field names. */
  fields: Record<string, string[]>;
  /** Only the filters in the spec; others are dropped, as the original ignored them. */
  filter: Record<string, string>;
  sort: SortKey[];
  /** The raw values of the spec's extra parameters that were present. */
  extra: Record<string, string>;
}

// DJA's QueryParameterValidationFilter: `sort`, `include`, `filter[…]`, `fields[…]`, `page[…]`.
const familyPattern = /^(filter|fields|page)\[([\w.-]+)\]$/;

const bad = (parameter: string, code: string, detail: string): JsonApiError =>
  jsonApiError(400, code, detail, { parameter });

/**
 * Reads a Fastify query object (flat keys: `filter[organization]`, `fields[Site]`) into typed
 * values, as the original's DJA views read them:
 * - an unknown parameter is a 400 naming it (DJA's QueryParameterValidationFilter), and so is a
 *   repeated `include` or `sort`;
 * - `include` paths and `fields[type]` names outside the spec are 400 errors naming the parameter;
 * - a `filter[x]` the endpoint does not know is silently ignored, as in the original (§3.3.1).
 *
 * @throws JsonApiErrors 400 with one error per offending parameter.
 */
export function parseQuery(query: Record<string, unknown>, spec: QuerySpec = {}): ParsedQuery {
  const errors: JsonApiError[] = [];
  const parsed: ParsedQuery = { include: [], fields: {}, filter: {}, sort: [], extra: {} };
  const extra = new Set(spec.extra ?? []);
  const filters = new Set(spec.filters ?? []);

  for (const [name, raw] of Object.entries(query)) {
    if ((name === 'include' || name === 'sort') && Array.isArray(raw)) {
      errors.push(bad(name, 'repeated_parameter', `${name} may be given only once.`));
      continue;
    }
    const value = lastValue(raw) ?? '';
    if (name === 'include') {
      parsed.include = parseInclude(value, spec.include ?? [], errors);
    } else if (name === 'sort') {
      parsed.sort = parseSort(value, spec.sort, errors);
    } else if (extra.has(name)) {
      parsed.extra[name] = value;
    } else {
      const match = familyPattern.exec(name);
      if (!match) {
        errors.push(bad(name, 'invalid_parameter', `Invalid query parameter: ${name}.`));
        continue;
      }
      const [, family, key] = match as unknown as [string, string, string];
      if (family === 'filter') {
        if (filters.has(key)) parsed.filter[key] = value;
      } else if (family === 'fields') {
        const allowed = spec.fields?.[key];
        if (!allowed) {
          errors.push(bad(name, 'invalid_fields', `This endpoint has no resources of type "${key}".`));
          continue;
        }
        const names = splitList(value);
        const unknown = names.filter((n) => !allowed.includes(n));
        if (unknown.length) {
          errors.push(bad(name, 'invalid_fields', `${key} has no field ${unknown.map((n) => `"${n}"`).join(', ')}.`));
          continue;
        }
        parsed.fields[key] = names;
      }
      // page[…] is read by parsePage; a page[x] other than number and size is ignored there.
    }
  }
  if (errors.length) throw new JsonApiErrors(errors);
  return parsed;
}

function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

function parseInclude(value: string, allowed: readonly string[], errors: JsonApiError[]): string[] {
  const valid = new Set<string>();
  for (const path of allowed) {
    const parts = path.split('.');
    for (let i = 1; i <= parts.length; i++) valid.add(parts.slice(0, i).join('.'));
  }
  const out: string[] = [];
  for (const path of splitList(value)) {
    if (!valid.has(path)) {
      // DJA's wording.
      errors.push(
        bad('include', 'invalid_include', `This endpoint does not support the include parameter for path ${path}`),
      );
      continue;
    }
    const parts = path.split('.');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      if (!out.includes(prefix)) out.push(prefix);
    }
  }
  return out;
}

function parseSort(value: string, allowed: readonly string[] | undefined, errors: JsonApiError[]): SortKey[] {
  if (!allowed) {
    errors.push(bad('sort', 'invalid_sort', 'This endpoint cannot be sorted.'));
    return [];
  }
  const keys = splitList(value).map((s) => ({
    field: s.startsWith('-') ? s.slice(1) : s,
    descending: s.startsWith('-'),
  }));
  const unknown = keys.filter((k) => !allowed.includes(k.field));
  if (unknown.length) {
    errors.push(bad('sort', 'invalid_sort', `Cannot sort by ${unknown.map((k) => `"${k.field}"`).join(', ')}.`));
    return [];
  }
  return keys;
}
