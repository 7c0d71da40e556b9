import type { ResourceObject } from './resource';

/**
 * Sparse fieldsets (`fields[Site]=name,address`): every resource of a named type, primary or
 * included, keeps only the named attributes and relationships. Types not named stay whole.
 * Applied to a finished document, so routes need not know about it.
 */
export function applySparseFieldsets<D extends { data?: unknown; included?: ResourceObject[] }>(
  document: D,
  fields: Readonly<Record<string, readonly string[]>>,
): D {
  if (Object.keys(fields).length === 0) return document;
  const cut = (resource: ResourceObject): ResourceObject => {
    const wanted = fields[resource.type];
    if (!wanted) return resource;
    const pick = <T>(members: Record<string, T> | undefined) =>
      members && Object.fromEntries(Object.entries(members).filter(([name]) => wanted.includes(name)));
    const relationships = pick(resource.relationships);
    return {
      ...resource,
      attributes: pick(resource.attributes) ?? {},
      ...(relationships === undefined ? {} : { relationships }),
    };
  };
  const data = document.data;
  return {
    ...document,
    ...(data === undefined || data === null
      ? {}
      : { data: Array.isArray(data) ? data.map((r) => cut(r as ResourceObject)) : cut(data as ResourceObject) }),
    ...(document.included ? { included: document.included.map(cut) } : {}),
  };
}
