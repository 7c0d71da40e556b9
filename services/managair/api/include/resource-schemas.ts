import { addressSchema } from '../addresses/address-resource';
import { installationSchema } from '../installations/installation-resource';
import { membershipSchema } from '../memberships/membership-resource';
import { modelSchema } from '../models/model-resource';
import { nodeSchema } from '../nodes/node-resource';
import { organizationSchema } from '../organizations/organization-resource';
import { protocolSchema } from '../protocols/protocol-resource';
import { quantitySchema } from '../quantities/quantity-resource';
import { roomSchema } from '../rooms/room-resource';
import { siteSchema } from '../sites/site-resource';
import { userSchema } from '../users/user-resource';

/**
 * The full resource object schema of each type that may appear in `included`: a route's include
 * paths continue through the related type's own schema (`rooms?include=site.address`), and
 * `fields[Type]` of an included type takes its names from here. resource-loaders.ts has a loader
 * for exactly these types (the compiler holds them together through {@link IncludableType}).
 */
export const resourceSchemas = {
  Organization: organizationSchema,
  Membership: membershipSchema,
  User: userSchema,
  Site: siteSchema,
  Address: addressSchema,
  Room: roomSchema,
  Node: nodeSchema,
  Installation: installationSchema,
  Model: modelSchema,
  Protocol: protocolSchema,
  Quantity: quantitySchema,
};

export type IncludableType = keyof typeof resourceSchemas;

export function isIncludable(type: string): type is IncludableType {
  return Object.hasOwn(resourceSchemas, type);
}
