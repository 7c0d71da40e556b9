import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The secrets accounts hands out, and how they are kept: only a SHA-256 of each is stored
 * (migrations/0002-accounts.ts), so the database never holds a usable key.
 */

/** A DRF-style API token: 40 hex characters (160 random bits). */
export const newTokenKey = (): string => randomBytes(20).toString('hex');

/** A session, confirmation or reset key: 256 random bits, URL- and cookie-safe. */
export const newUrlKey = (): string => randomBytes(32).toString('base64url');

/** A CSRF token: 64 characters as Django's, safe in a cookie, a header and a form field. */
export const newCsrfToken = (): string => randomBytes(32).toString('hex');

/** What is stored for a key. */
export const keyHash = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** Whether two strings are equal, in time that does not depend on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so only the digest comparison runs, always in full.
  return timingSafeEqual(keyHash(a), keyHash(b)) && a.length === b.length;
}
