import { JsonApiErrors, jsonApiError } from '../jsonapi/errors';

/**
 * The database enforces the model's rules (migrations/0001); a write that breaks one is the
 * client's mistake, answered as DRF's validators answered it: 400 pointing at the member that
 * caused it. A delete blocked by a reference (RESTRICT) is a 409. Anything else is rethrown.
 */
const byConstraint: Record<string, { pointer: string; detail: string; status?: number }> = {
  unique_org_name: { pointer: '/data/attributes/name', detail: 'An organization with this name already exists.' },
  unique_membership: {
    pointer: '/data/relationships/user',
    detail: 'This user is already a member of the organization.',
  },
  unique_site_per_organization: {
    pointer: '/data/attributes/name',
    detail: 'The organization already has a site of this name.',
  },
  unique_room_per_site: { pointer: '/data/attributes/name', detail: 'The site already has a room of this name.' },
  users_username_key: { pointer: '/data/attributes/username', detail: 'A user with that username already exists.' },
  protocols_identifier_key: {
    pointer: '/data/attributes/identifier',
    detail: 'A protocol with this identifier already exists.',
  },
  quantities_quantity_key: { pointer: '/data/attributes/quantity', detail: 'This quantity already exists.' },
  node_models_name_key: { pointer: '/data/attributes/name', detail: 'A model with this name already exists.' },
  nodes_pkey: { pointer: '/data/id', detail: 'A node with this id already exists.' },
  nodes_eui64_unique: { pointer: '/data/attributes/eui64', detail: 'A node with this EUI-64 already exists.' },
  unique_node_installation: {
    pointer: '/data/attributes/from_timestamp_s',
    detail: 'The node already has an installation starting at this time.',
  },
  installations_do_not_overlap: {
    pointer: '/data/attributes/from_timestamp_s',
    detail: 'The node is installed elsewhere during this period; installations of one node may not overlap.',
  },
  installation_period_ordered: {
    pointer: '/data/attributes/to_timestamp_s',
    detail: 'The end of an installation must not be before its start.',
  },
  installation_owner_consistent: {
    pointer: '/data/relationships/room',
    detail: 'In an installation, node and room must belong to the same owner.',
  },
};

interface PgError {
  code?: string;
  constraint?: string;
  table?: string;
}

/** Runs a write; a violated constraint becomes a JSON:API 400 (or 409 for a blocked delete). */
export async function withConstraintErrors<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const { code, constraint, table } = (error ?? {}) as PgError;
    if (code === '23503' && /delete/i.test(String((error as Error).message))) {
      throw new JsonApiErrors([
        jsonApiError(409, 'protected', `It is still referenced${table ? ` by ${table}` : ''}; remove those first.`),
      ]);
    }
    const known = constraint === undefined ? undefined : byConstraint[constraint];
    if (known && (code === '23505' || code === '23P01' || code === '23514'))
      throw new JsonApiErrors([
        jsonApiError(known.status ?? 400, constraint!, known.detail, { pointer: known.pointer }),
      ]);
    throw error;
  }
}
