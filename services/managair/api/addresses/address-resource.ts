import { z } from 'zod';

import { resourceObject, type ResourceObject } from '../../jsonapi/resource';
import { optionalDecimal, optionalText, requiredText } from '../attribute-fields';
import { resourceSchema } from '../document-schemas';
import type { ResourceBodySpec } from '../request-document';

/** Address (original-clair.md §3.2): decimals render as strings, as DRF did. */
export const addressAttributes = z.object({
  street1: z.string(),
  street2: z.string().nullable(),
  zip: z.string(),
  city: z.string(),
  latitude: z.string().nullable(),
  longitude: z.string().nullable(),
});
export type AddressAttributes = z.infer<typeof addressAttributes>;

export const addressSchema = resourceSchema('Address', addressAttributes);

export const addressBody = {
  type: 'Address',
  attributes: z.object({
    street1: requiredText(50),
    street2: optionalText(50).optional(),
    // German five-digit postcodes, as the dashboard's form enforces.
    zip: z
      .string()
      .trim()
      .regex(/^\d{5}$/, 'Enter a five-digit postcode.'),
    city: requiredText(50),
    latitude: optionalDecimal(9, 6, -90, 90).optional(),
    longitude: optionalDecimal(9, 6, -180, 180).optional(),
  }),
} satisfies ResourceBodySpec<z.ZodRawShape>;

export const addressColumns = ['id', 'street1', 'street2', 'zip', 'city', 'latitude', 'longitude'] as const;

export interface AddressRow extends AddressAttributes {
  id: string;
}

export function addressResource(row: AddressRow, url: (path: string) => string): ResourceObject {
  return resourceObject(
    'Address',
    row.id,
    {
      street1: row.street1,
      street2: row.street2,
      zip: row.zip,
      city: row.city,
      latitude: row.latitude,
      longitude: row.longitude,
    } satisfies AddressAttributes,
    { self: url(`/addresses/${row.id}/`) },
  );
}
