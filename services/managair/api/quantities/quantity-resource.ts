import { z } from 'zod';

import { resourceObject, type ResourceObject } from '../../jsonapi/resource';
import { requiredText } from '../attribute-fields';
import { resourceSchema } from '../document-schemas';
import type { ResourceBodySpec } from '../request-document';

/** Quantity (original-clair.md §3.2): what a sensor model measures, e.g. CO2 in PPM. */
export const quantityAttributes = z.object({ quantity: z.string(), base_unit: z.string() });
export type QuantityAttributes = z.infer<typeof quantityAttributes>;

export const quantitySchema = resourceSchema('Quantity', quantityAttributes);

export const quantityBody = {
  type: 'Quantity',
  attributes: z.object({ quantity: requiredText(30), base_unit: requiredText(30) }),
} satisfies ResourceBodySpec<z.ZodRawShape>;

export const quantityColumns = ['quantities.id', 'quantities.quantity', 'quantities.base_unit'] as const;

export interface QuantityRow extends QuantityAttributes {
  id: string;
}

export function quantityResource(row: QuantityRow, url: (path: string) => string): ResourceObject {
  return resourceObject(
    'Quantity',
    row.id,
    { quantity: row.quantity, base_unit: row.base_unit } satisfies QuantityAttributes,
    {
      self: url(`/quantities/${row.id}/`),
    },
  );
}
