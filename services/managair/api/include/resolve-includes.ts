import { dedupeIncluded } from '../../jsonapi/document';
import type { Relationship, ResourceIdentifier, ResourceObject } from '../../jsonapi/resource';
import type { ApiContext } from '../api-route';
import { type IncludableType, isIncludable } from './resource-schemas';
import { resourceLoaders } from './resource-loaders';

/** A finished document: primary data (one, many or none) and what the handler already included. */
export interface IncludingDocument {
  data?: ResourceObject | ResourceObject[] | null;
  included?: ResourceObject[];
}

/** Include paths as a tree: `site`, `site.address` → `{site: {address: {}}}`. */
interface IncludeTree {
  [relationship: string]: IncludeTree;
}

function mergeInto(tree: IncludeTree, path: readonly string[]): void {
  if (path.length === 0) return;
  const [head, ...rest] = path as [string, ...string[]];
  mergeInto((tree[head] ??= {}), rest);
}

function mergeTrees(into: IncludeTree, from: IncludeTree): IncludeTree {
  for (const [name, subtree] of Object.entries(from)) mergeTrees((into[name] ??= {}), subtree);
  return into;
}

const key = (r: ResourceIdentifier) => `${r.type}\u0000${r.id}`;

function linkageOf(relationship: Relationship | undefined): ResourceIdentifier[] {
  const data = relationship?.data;
  if (data === undefined || data === null) return [];
  return Array.isArray(data) ? data : [data];
}

/** What one level asks for: each identifier once, with the include tree to follow from it. */
type Wanted = Map<string, { identifier: ResourceIdentifier; tree: IncludeTree }>;

function wantedBy(level: readonly (readonly [ResourceObject, IncludeTree])[]): Wanted {
  const wanted: Wanted = new Map();
  for (const [resource, tree] of level)
    for (const [name, subtree] of Object.entries(tree))
      for (const identifier of linkageOf(resource.relationships?.[name])) {
        const entry = wanted.get(key(identifier));
        if (entry) mergeTrees(entry.tree, subtree);
        else wanted.set(key(identifier), { identifier, tree: mergeTrees({}, subtree) });
      }
  return wanted;
}

/** Loads the identifiers not yet known, one query (set) per type, into `known`. */
async function load(
  context: ApiContext,
  identifiers: readonly ResourceIdentifier[],
  known: Map<string, ResourceObject>,
) {
  const idsByType = new Map<IncludableType, string[]>();
  for (const identifier of identifiers) {
    const { type, id } = identifier;
    // Include paths lead to includable types only (include-paths.ts); anything else has no loader.
    if (known.has(key(identifier)) || !isIncludable(type)) continue;
    idsByType.set(type, [...(idsByType.get(type) ?? []), id]);
  }
  const loaded = await Promise.all([...idsByType].map(([type, ids]) => resourceLoaders[type](context, ids)));
  for (const resource of loaded.flat()) known.set(key(resource), resource);
}

/**
 * Resolves `include` paths on a finished document, level by level: the linkage of the primary
 * data names the first level, the linkage of those resources the next. Each type is loaded once
 * per level, only what the viewer may see (resource-loaders.ts); `included` keeps the handler's
 * own resources first, then the new ones in linkage order, each once and never primary data.
 */
export async function resolveIncludes<D extends IncludingDocument>(
  context: ApiContext,
  document: D,
  paths: readonly string[],
): Promise<D> {
  if (paths.length === 0 || document.data === undefined || document.data === null) return document;
  const primary = Array.isArray(document.data) ? document.data : [document.data];
  const known = new Map<string, ResourceObject>();
  for (const resource of [...primary, ...(document.included ?? [])]) known.set(key(resource), resource);

  const root: IncludeTree = {};
  for (const path of paths) mergeInto(root, path.split('.'));
  const reached: ResourceObject[] = [];
  let level: (readonly [ResourceObject, IncludeTree])[] = primary.map((resource) => [resource, root] as const);
  while (level.length) {
    const wanted = wantedBy(level);
    await load(
      context,
      [...wanted.values()].map((w) => w.identifier),
      known,
    );
    level = [];
    for (const [k, { tree }] of wanted) {
      const resource = known.get(k);
      // Not visible to the viewer: left out of `included`, and nothing is followed through it.
      if (!resource) continue;
      reached.push(resource);
      if (Object.keys(tree).length) level.push([resource, tree]);
    }
  }
  const included = dedupeIncluded([...(document.included ?? []), ...reached], primary);
  return included.length ? { ...document, included } : document;
}
