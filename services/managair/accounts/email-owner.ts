import { type ExpressionBuilder, sql } from 'kysely';

import type { Database, UsersTable } from '../../database/tables';

/**
 * Whether the user `u` may be reached at `email` (lower case): through a verified address of
 * theirs (email_addresses), or through users.email when they have no address rows at all (an
 * account made outside allauth, such as the original fixtures' admin). Sign-in by e-mail and
 * password reset both decide it this way.
 */
export function reachableAt(eb: ExpressionBuilder<Database & { u: UsersTable }, 'u'>, email: string) {
  const addressesOfU = () =>
    eb
      .selectFrom('email_addresses as e')
      .select(sql`1`.as('one'))
      .whereRef('e.user_id', '=', 'u.id');
  return eb.or([
    eb.exists(
      addressesOfU()
        .where('e.verified', '=', true)
        .where(sql<string>`lower(e.email)`, '=', email),
    ),
    eb.and([eb(sql<string>`lower(u.email)`, '=', email), eb.not(eb.exists(addressesOfU()))]),
  ]);
}
