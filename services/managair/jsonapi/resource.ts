/**
 * JSON:API resource objects as managair's original rendered them through djangorestframework-
 * jsonapi (original-clair.md §3.3.1, original-clients.md §5.2): ids are always strings, type
 * names are case-sensitive model names (`Site`, `Installation`, `room-airquality`), attribute
 * names stay snake_case exactly as given (no inflection was configured).
 */

/** What the database hands over as an id: a bigint column, a serial, or a node's uuid. */
export type IdInput = string | number | bigint;

/** `{type, id}`; the dashboard resolves relationships from its store by these two. */
export interface ResourceIdentifier {
  type: string;
  id: string;
}

/** Resource linkage: to-one (`null` when empty) or to-many. */
export type Linkage = ResourceIdentifier | ResourceIdentifier[] | null;

export interface Relationship {
  /** Omitted for links-only to-many relationships (the clients tolerate it: Site.rooms, Room.installations). */
  data?: Linkage;
  links?: { self?: string; related?: string };
}

export interface ResourceObject<A extends object = Record<string, unknown>> {
  type: string;
  id: string;
  attributes: A;
  relationships?: Record<string, Relationship>;
  links?: { self: string };
}

/** The id as a string, as DJA renders every id. */
export function idString(id: IdInput): string {
  return typeof id === 'string' ? id : id.toString();
}

/** `{type, id}` with the id as a string. */
export function identifier(type: string, id: IdInput): ResourceIdentifier {
  return { type, id: idString(id) };
}

/** To-one linkage; a missing foreign key (`null`/`undefined`) is `data: null`. */
export function toOne(type: string, id: IdInput | null | undefined, related?: string): Relationship {
  return {
    data: id === null || id === undefined ? null : identifier(type, id),
    ...(related === undefined ? {} : { links: { related } }),
  };
}

/** To-many linkage, in the order given; an empty list is `data: []`, never omitted. */
export function toMany(type: string, ids: readonly IdInput[], related?: string): Relationship {
  return {
    data: ids.map((id) => identifier(type, id)),
    ...(related === undefined ? {} : { links: { related } }),
  };
}

/** A relationship that is only a hyperlink, without linkage. */
export function linkOnly(related: string): Relationship {
  return { links: { related } };
}

export interface ResourceOptions {
  relationships?: Record<string, Relationship>;
  /** The resource's own URL (DJA's `url` self link). */
  self?: string;
}

/**
 * One resource object. Attributes are copied as given (snake_case, values untouched: decimals the
 * database returns as strings stay strings, as DRF rendered them); `relationships` and `links`
 * appear only when given.
 */
export function resourceObject<A extends object>(
  type: string,
  id: IdInput,
  attributes: A,
  options: ResourceOptions = {},
): ResourceObject<A> {
  return {
    type,
    id: idString(id),
    attributes,
    ...(options.relationships === undefined ? {} : { relationships: options.relationships }),
    ...(options.self === undefined ? {} : { links: { self: options.self } }),
  };
}
