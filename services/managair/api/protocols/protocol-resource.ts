import { z } from 'zod';

import { resourceObject, type ResourceObject } from '../../jsonapi/resource';
import { requiredInteger, requiredText } from '../attribute-fields';
import { resourceSchema } from '../document-schemas';
import type { ResourceBodySpec } from '../request-document';

/** Protocol (the original's NodeProtocol, original-clair.md §3.2): how a node's uplinks are encoded. */
export const protocolAttributes = z.object({
  identifier: z.string(),
  num_uplink_msgs: z.number().int(),
  num_downlink_msgs: z.number().int(),
});
export type ProtocolAttributes = z.infer<typeof protocolAttributes>;

export const protocolSchema = resourceSchema('Protocol', protocolAttributes);

export const protocolBody = {
  type: 'Protocol',
  attributes: z.object({
    identifier: requiredText(30),
    num_uplink_msgs: requiredInteger(0, 2147483647).optional(),
    num_downlink_msgs: requiredInteger(0, 2147483647).optional(),
  }),
} satisfies ResourceBodySpec<z.ZodRawShape>;

export const protocolColumns = [
  'protocols.id',
  'protocols.identifier',
  'protocols.num_uplink_msgs',
  'protocols.num_downlink_msgs',
] as const;

export interface ProtocolRow extends ProtocolAttributes {
  id: string;
}

export function protocolResource(row: ProtocolRow, url: (path: string) => string): ResourceObject {
  const { identifier, num_uplink_msgs, num_downlink_msgs } = row;
  return resourceObject(
    'Protocol',
    row.id,
    { identifier, num_uplink_msgs, num_downlink_msgs } satisfies ProtocolAttributes,
    { self: url(`/protocols/${row.id}/`) },
  );
}
