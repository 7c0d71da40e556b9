import { JsonApiErrors, jsonApiError } from '../../jsonapi/errors';
import { legacyNodeIdFromDevEui, nodeIdFromDevEui, nodeProtocols } from '../../../domain/nodes/node-id';

/**
 * Whether a client-supplied node id belongs to the EUI-64: the id clair-ttn derives from it for
 * one of the known protocols, in the current scheme or the old one (upper-case hex, as TTN wrote
 * it). The original took any UUID, so a node could be registered under another device's id.
 */
export function nodeIdBelongsToEui(id: string, eui64: string): boolean {
  const wanted = id.toLowerCase();
  return nodeProtocols.some(
    (protocol) =>
      nodeIdFromDevEui(protocol, eui64) === wanted || legacyNodeIdFromDevEui(protocol, eui64.toUpperCase()) === wanted,
  );
}

/** Refuses a create whose `data.id` is missing or not derived from its EUI-64 (400 at /data/id). */
export function checkNodeId(id: string | undefined, eui64: string): string {
  if (id === undefined)
    throw new JsonApiErrors([
      jsonApiError(400, 'required', "The node's id, derived from its EUI-64, is required.", { pointer: '/data/id' }),
    ]);
  if (!nodeIdBelongsToEui(id, eui64))
    throw new JsonApiErrors([
      jsonApiError(400, 'invalid', `The id ${id} is not the node id of EUI-64 ${eui64}.`, { pointer: '/data/id' }),
    ]);
  return id.toLowerCase();
}
