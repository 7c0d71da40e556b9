import { JsonApiErrors, jsonApiError } from '../../jsonapi/errors';

/** DRF's answer to linkage naming nothing (or nothing the viewer may use): 400 at the relationship. */
export function invalidRelationship(name: string, id: string): JsonApiErrors {
  return new JsonApiErrors([
    jsonApiError(400, 'does_not_exist', `Invalid pk "${id}" - object does not exist.`, {
      pointer: `/data/relationships/${name}`,
    }),
  ]);
}

/** A refused attribute value, 400 at the attribute. */
export function invalidAttribute(name: string, detail: string): JsonApiErrors {
  return new JsonApiErrors([jsonApiError(400, 'invalid', detail, { pointer: `/data/attributes/${name}` })]);
}
