import { z } from 'zod';

import { linkOnly, resourceObject, toOne, type ResourceObject } from '../../jsonapi/resource';
import { optionalText, requiredText } from '../attribute-fields';
import { resourceSchema } from '../document-schemas';
import type { ResourceBodySpec } from '../request-document';

/** Site (original-clair.md §3.3.4): its address is included by default, as the dashboard needs. */
export const siteAttributes = z.object({
  name: z.string(),
  description: z.string().nullable(),
});
export type SiteAttributes = z.infer<typeof siteAttributes>;

export const siteSchema = resourceSchema('Site', siteAttributes, {
  address: { type: 'Address' },
  operator: { type: 'Organization' },
  rooms: { type: 'Room', many: true, linkOnly: true },
});

/** Every route answering sites includes their addresses: the dashboard never fetches addresses itself. */
export const siteDefaultInclude = ['address'];

export const siteBody = {
  type: 'Site',
  attributes: z.object({
    name: requiredText(50),
    description: optionalText().optional(),
  }),
  relationships: {
    address: { type: 'Address', required: true },
    operator: { type: 'Organization', required: true },
  },
} satisfies ResourceBodySpec<z.ZodRawShape>;

export const siteColumns = [
  'sites.id',
  'sites.name',
  'sites.description',
  'sites.address_id',
  'sites.operator_id',
] as const;

export interface SiteRow extends SiteAttributes {
  id: string;
  address_id: string | number;
  operator_id: string | number;
}

export function siteResource(row: SiteRow, url: (path: string) => string): ResourceObject {
  return resourceObject('Site', row.id, { name: row.name, description: row.description } satisfies SiteAttributes, {
    relationships: {
      address: toOne('Address', row.address_id, url(`/sites/${row.id}/address/`)),
      operator: toOne('Organization', row.operator_id, url(`/sites/${row.id}/organization/`)),
      rooms: linkOnly(url(`/sites/${row.id}/rooms/`)),
    },
    self: url(`/sites/${row.id}/`),
  });
}
