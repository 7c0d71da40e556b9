import type { Kysely, Transaction } from 'kysely';

import type { Database } from '../../../database/tables';
import { JsonApiErrors, jsonApiError, type ErrorSource } from '../../jsonapi/errors';

/**
 * An organization keeps at least one owner. The original let the last owner demote or remove
 * themselves (original-clair.md §3.3.5, doc/api.md warned about it), which left an organization
 * nobody could manage short of the Django admin; here such a change is refused with 409, and an
 * owner who wants out hands ownership on first or deletes the organization.
 *
 * The change runs in a transaction that first locks the organization's row, so two owners
 * demoting each other at the same moment are serialised and the second one is refused; the
 * owners are counted after the change, which covers every way of losing one (demotion, removal,
 * removal of several users at once).
 */
export async function keepingAnOwner<T>(
  db: Kysely<Database>,
  organizationId: string,
  change: (trx: Transaction<Database>) => Promise<T>,
  source?: ErrorSource,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('organizations').select('id').where('id', '=', organizationId).forUpdate().execute();
    const result = await change(trx);
    const owner = await trx
      .selectFrom('memberships')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('role', '=', 'O')
      .limit(1)
      .executeTakeFirst();
    if (!owner)
      throw new JsonApiErrors([
        jsonApiError(
          409,
          'last_owner',
          'This would leave the organization without an owner. Make another member an owner first, or delete the organization.',
          source,
        ),
      ]);
    return result;
  });
}
