import type { ResourceObject } from './resource';

export type Meta = Record<string, unknown>;
export type Links = Record<string, string | null>;

/** A top-level document with primary data (jsonapi.org/format/#document-top-level). */
export interface DataDocument<D> {
  data: D;
  included?: ResourceObject[];
  meta?: Meta;
  links?: Links;
}

export interface DocumentOptions {
  /** Related resources; deduplicated by type and id, and never repeating the primary data. */
  included?: readonly ResourceObject[];
  meta?: Meta;
  links?: Links;
}

const key = (r: { type: string; id: string }) => `${r.type}\u0000${r.id}`;

/**
 * `included` as JSON:API wants it: each resource once (the first occurrence wins, order kept),
 * and none that is already primary data.
 */
export function dedupeIncluded(
  included: readonly ResourceObject[],
  primary: readonly ResourceObject[] = [],
): ResourceObject[] {
  const seen = new Set(primary.map(key));
  const out: ResourceObject[] = [];
  for (const resource of included) {
    const k = key(resource);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(resource);
  }
  return out;
}

function assemble<D>(data: D, primary: readonly ResourceObject[], options: DocumentOptions): DataDocument<D> {
  const included = dedupeIncluded(options.included ?? [], primary);
  return {
    data,
    // DJA omits `included` when nothing was included.
    ...(included.length ? { included } : {}),
    ...(options.meta === undefined ? {} : { meta: options.meta }),
    ...(options.links === undefined ? {} : { links: options.links }),
  };
}

/** `{data: {...}}` for one resource (`null` for an empty to-one related endpoint). */
export function resourceDocument<A extends object>(
  data: ResourceObject<A> | null,
  options: DocumentOptions = {},
): DataDocument<ResourceObject<A> | null> {
  return assemble(data, data ? [data as ResourceObject] : [], options);
}

/**
 * `{data: [...]}` for a collection; `data` is `[]` when empty. For a paginated list pass
 * `meta`/`links` from pagination.ts.
 */
export function collectionDocument<A extends object>(
  data: readonly ResourceObject<A>[],
  options: DocumentOptions = {},
): DataDocument<ResourceObject<A>[]> {
  return assemble([...data], data as readonly ResourceObject[], options);
}
