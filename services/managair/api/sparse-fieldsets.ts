import type { z } from 'zod';

import type { QuerySpec } from '../jsonapi/query';
import type { ApiRouteDescription } from './api-route';
import { includePathsOf, typesAlong } from './include/include-paths';
import { isIncludable, resourceSchemas } from './include/resource-schemas';
import { fieldNamesOf, primaryResourceOf, resourceTypeOf } from './schema-shapes';

/**
 * The query every route understands beyond its own declaration, as DJA offered it on every view,
 * read from the declared response schema so that the allowed names cannot drift from what is sent:
 * - `include` of each relationship with linkage, and one level further through the related
 *   type's schema (include/include-paths.ts), plus the route's own and default include paths;
 * - `fields[Type]` with the attribute and relationship names of the resource the route answers
 *   with and of every type those include paths reach.
 * A route's own `query.fields` wins over what is derived.
 */
export function querySpecOf(route: ApiRouteDescription): QuerySpec {
  const resources = Object.values(route.responses).flatMap((document) => {
    const resource = document && primaryResourceOf(document);
    return resource ? [resource] : [];
  });
  const include = new Set([...(route.query?.include ?? []), ...(route.defaultInclude ?? [])]);
  for (const resource of resources) for (const path of includePathsOf(resource)) include.add(path);

  const fields: Record<string, string[]> = {};
  const addFields = (type: string, schema: z.ZodType) => {
    fields[type] = [...new Set([...(fields[type] ?? []), ...fieldNamesOf(schema)])];
  };
  for (const resource of resources) {
    addFields(resourceTypeOf(resource)!, resource);
    for (const path of include)
      for (const type of typesAlong(resource, path)) if (isIncludable(type)) addFields(type, resourceSchemas[type]);
  }
  return {
    ...route.query,
    ...(include.size ? { include: [...include] } : {}),
    fields: { ...fields, ...route.query?.fields },
  };
}
