import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import { addSeconds } from './clock';

/**
 * Limits guessing passwords: so many failed logins per identifier (what was typed as username or
 * e-mail) and per client address within a sliding window. Failures live in PostgreSQL
 * (login_attempts) so that every API replica counts the same; a success clears its identifier's
 * failures. The check comes before the password is verified, so a locked-out guesser also costs
 * no scrypt.
 */
export interface LoginLimits {
  windowSeconds: number;
  perIdentifier: number;
  perIp: number;
}

export const defaultLoginLimits: LoginLimits = { windowSeconds: 15 * 60, perIdentifier: 5, perIp: 20 };

/** Failures older than this are deleted on the next failure. */
const keepSeconds = 24 * 3600;

export const normalizeIdentifier = (identifier: string): string => identifier.trim().toLowerCase().slice(0, 254);

export interface Throttled {
  /** Whole seconds until one more attempt is allowed. */
  retryAfterSeconds: number;
}

export class LoginRateLimiter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly limits: LoginLimits = defaultLoginLimits,
  ) {}

  /** undefined when an attempt may go ahead, else how long to wait. */
  async check(identifier: string, ip: string, now: Date): Promise<Throttled | undefined> {
    const since = addSeconds(now, -this.limits.windowSeconds);
    const waits = await Promise.all([
      this.#wait('identifier', normalizeIdentifier(identifier), this.limits.perIdentifier, since, now),
      this.#wait('ip', ip, this.limits.perIp, since, now),
    ]);
    const wait = Math.max(...waits);
    return wait > 0 ? { retryAfterSeconds: wait } : undefined;
  }

  async recordFailure(identifier: string, ip: string, now: Date): Promise<void> {
    await this.db
      .insertInto('login_attempts')
      .values({ identifier: normalizeIdentifier(identifier), ip, attempted_at: now })
      .execute();
    await this.db.deleteFrom('login_attempts').where('attempted_at', '<', addSeconds(now, -keepSeconds)).execute();
  }

  async recordSuccess(identifier: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('identifier', '=', normalizeIdentifier(identifier)).execute();
  }

  /** Seconds until fewer than `limit` failures are left in the window; 0 when already fewer. */
  async #wait(column: 'identifier' | 'ip', value: string, limit: number, since: Date, now: Date): Promise<number> {
    // The limit-th most recent failure leaves the window last among those that block.
    const row = await this.db
      .selectFrom('login_attempts')
      .select('attempted_at')
      .where(column, '=', value)
      .where('attempted_at', '>', since)
      .orderBy('attempted_at', 'desc')
      .offset(limit - 1)
      .limit(1)
      .executeTakeFirst();
    if (!row) return 0;
    const freeAt = addSeconds(row.attempted_at, this.limits.windowSeconds).getTime();
    return Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
  }
}
