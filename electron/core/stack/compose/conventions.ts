/** Small conversions of compose's "list or mapping" shapes that several sections share. */

type Scalar = string | number | boolean | null;

/**
 * `labels:` as a list (`KEY=value`, `KEY` meaning an empty value) or a mapping, as a mapping of
 * strings.
 */
export function labelMap(value: unknown): Record<string, string> {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      (value as string[]).map((entry) => {
        const equals = entry.indexOf('=');
        return equals < 0 ? [entry, ''] : [entry.slice(0, equals), entry.slice(equals + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries((value ?? {}) as Record<string, Scalar>).map(([key, item]) => [
      key,
      item === null ? '' : String(item),
    ]),
  );
}

/**
 * `environment:` as a list or a mapping. A variable written without a value (`- FOO`, `FOO:`)
 * takes the interpolation environment's value, and is left out when that does not set it, as in
 * compose.
 */
export function environmentMap(
  value: unknown,
  variables: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const entries: [string, Scalar][] = Array.isArray(value)
    ? (value as string[]).map((entry) => {
        const equals = entry.indexOf('=');
        return equals < 0 ? [entry, null] : [entry.slice(0, equals), entry.slice(equals + 1)];
      })
    : Object.entries((value ?? {}) as Record<string, Scalar>);
  return Object.fromEntries(
    entries.flatMap(([key, item]) => {
      if (item !== null) return [[key, String(item)]];
      const inherited = variables[key];
      return inherited === undefined ? [] : [[key, inherited]];
    }),
  );
}

/** `driver_opts:` values may be numbers in YAML; the API takes strings. */
export function stringMap(value: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries((value ?? {}) as Record<string, Scalar>).map(([k, v]) => [k, String(v)]));
}

/** Names from a list of names or from a mapping keyed by name (`depends_on`, service `networks`). */
export function namesOf(value: unknown): string[] {
  return Array.isArray(value) ? (value as string[]) : Object.keys(value ?? {});
}

export function isExtension(key: string): boolean {
  return key.startsWith('x-');
}
