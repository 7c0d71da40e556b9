import type { z } from 'zod';

import { linkedRelationshipsOf } from '../schema-shapes';
import { isIncludable, resourceSchemas } from './resource-schemas';

/** Two levels (`rooms?include=site.address`): enough for every client view, and the allowed list stays short. */
const maxDepth = 2;

/**
 * The include paths a resource allows: each relationship with linkage to an includable type, and
 * from there the related type's own such relationships. Link-only relationships (Site.rooms)
 * carry no identifiers to resolve, so they cannot be included.
 */
export function includePathsOf(resource: z.ZodType): string[] {
  const paths: string[] = [];
  const walk = (schema: z.ZodType, prefix: string, depth: number) => {
    for (const [name, type] of Object.entries(linkedRelationshipsOf(schema))) {
      if (!isIncludable(type)) continue;
      paths.push(prefix + name);
      if (depth < maxDepth) walk(resourceSchemas[type], `${prefix}${name}.`, depth + 1);
    }
  };
  walk(resource, '', 1);
  return paths;
}

/**
 * The types an include path passes through (`site.address` → Site, Address), for `fields[Type]`.
 * A path that leaves the known schemas yields what it reached so far.
 */
export function typesAlong(resource: z.ZodType, path: string): string[] {
  const types: string[] = [];
  let schema: z.ZodType | undefined = resource;
  for (const name of path.split('.')) {
    const type: string | undefined = schema && linkedRelationshipsOf(schema)[name];
    if (type === undefined) break;
    types.push(type);
    schema = isIncludable(type) ? resourceSchemas[type] : undefined;
  }
  return types;
}
