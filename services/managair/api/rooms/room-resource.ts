import { z } from 'zod';

import { linkOnly, resourceObject, toOne, type ResourceObject } from '../../jsonapi/resource';
import { optionalDecimal, optionalInteger, optionalText, requiredText } from '../attribute-fields';
import { resourceSchema } from '../document-schemas';
import type { ResourceBodySpec } from '../request-document';

/**
 * Room (original-clair.md §3.3.4): decimals render as strings with their column's places, so the
 * dashboard's `"size_sqm":"60"` comes back as `"60.0"`; `"max_occupancy":"28"` as 28.
 */
export const roomAttributes = z.object({
  name: z.string(),
  description: z.string().nullable(),
  size_sqm: z.string().nullable(),
  height_m: z.string().nullable(),
  max_occupancy: z.number().int().nullable(),
});
export type RoomAttributes = z.infer<typeof roomAttributes>;

export const roomSchema = resourceSchema('Room', roomAttributes, {
  site: { type: 'Site' },
  installations: { type: 'Installation', many: true, linkOnly: true },
});

/**
 * Plausible bounds the original left to the browser: a room of more than 0 and less than
 * 10,000 m² (numeric(5,1)), more than 0 and at most 20 m high, for 0 to 500 people. With one
 * decimal place, "more than 0" is "at least 0.1".
 */
export const roomBody = {
  type: 'Room',
  attributes: z.object({
    name: requiredText(50),
    description: optionalText().optional(),
    size_sqm: optionalDecimal(5, 1, 0.1).optional(),
    height_m: optionalDecimal(3, 1, 0.1, 20).optional(),
    max_occupancy: optionalInteger(0, 500).optional(),
  }),
  relationships: { site: { type: 'Site', required: true } },
} satisfies ResourceBodySpec<z.ZodRawShape>;

export const roomColumns = [
  'rooms.id',
  'rooms.name',
  'rooms.description',
  'rooms.size_sqm',
  'rooms.height_m',
  'rooms.max_occupancy',
  'rooms.site_id',
] as const;

export interface RoomRow extends RoomAttributes {
  id: string;
  site_id: string | number;
}

export const roomQuery = {
  fields: { Room: ['name', 'description', 'size_sqm', 'height_m', 'max_occupancy', 'site', 'installations'] },
};

export function roomResource(row: RoomRow, url: (path: string) => string): ResourceObject {
  return resourceObject(
    'Room',
    row.id,
    {
      name: row.name,
      description: row.description,
      size_sqm: row.size_sqm,
      height_m: row.height_m,
      max_occupancy: row.max_occupancy,
    } satisfies RoomAttributes,
    {
      relationships: {
        site: toOne('Site', row.site_id, url(`/rooms/${row.id}/site/`)),
        installations: linkOnly(url(`/rooms/${row.id}/installations/`)),
      },
      self: url(`/rooms/${row.id}/`),
    },
  );
}
