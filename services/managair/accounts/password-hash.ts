import { pbkdf2, randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

/**
 * Password hashes are self-describing strings in Django's `algorithm$parameters$salt$hash` shape,
 * so a stored hash says how to check it and a stronger setting later needs no migration.
 *
 * New passwords: scrypt with N = 2^15, r = 8, p = 3, one of OWASP's equivalent scrypt settings
 * (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#scrypt), at
 * 32 MiB per hash rather than the 128 MiB of N = 2^17, so that concurrent logins stay affordable.
 *
 * Django's `pbkdf2_sha256$iterations$salt$hash`, the original platform's hashes, still verify so
 * that every imported user can log in; they report needsRehash, and the login re-hashes them.
 */
const current = { N: 2 ** 15, r: 8, p: 3, keyLength: 32, saltLength: 16 };

const scryptAsync = promisify<string, Buffer, number, ScryptOptions, Buffer>(scrypt);
const pbkdf2Async = promisify(pbkdf2);

interface ScryptHash {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

interface DjangoPbkdf2Hash {
  algorithm: 'pbkdf2_sha256';
  iterations: number;
  salt: string;
  hash: Buffer;
}

const positiveInteger = /^[1-9][0-9]{0,9}$/;
const base64 = /^[A-Za-z0-9+/]+={0,2}$/;
// A truncated hash must not verify: an empty key would equal an empty candidate for any password.
const minimumScryptKeyLength = 16;
const djangoPbkdf2KeyLength = 32;

function parse(encoded: string): ScryptHash | DjangoPbkdf2Hash | undefined {
  const parts = encoded.split('$');
  if (parts[0] === 'scrypt' && parts.length === 6) {
    const [, N = '', r = '', p = '', salt = '', hash = ''] = parts;
    if (![N, r, p].every((n) => positiveInteger.test(n)) || !base64.test(salt) || !base64.test(hash)) return undefined;
    const key = Buffer.from(hash, 'base64');
    if (key.length < minimumScryptKeyLength) return undefined;
    return {
      algorithm: 'scrypt',
      N: Number(N),
      r: Number(r),
      p: Number(p),
      salt: Buffer.from(salt, 'base64'),
      hash: key,
    };
  }
  if (parts[0] === 'pbkdf2_sha256' && parts.length === 4) {
    const [, iterations = '', salt = '', hash = ''] = parts;
    if (!positiveInteger.test(iterations) || salt === '' || !base64.test(hash)) return undefined;
    const key = Buffer.from(hash, 'base64');
    if (key.length !== djangoPbkdf2KeyLength) return undefined;
    return { algorithm: 'pbkdf2_sha256', iterations: Number(iterations), salt, hash: key };
  }
  return undefined;
}

// scrypt needs 128 * N * r bytes and Node refuses more than 32 MiB unless told. The ceiling
// follows today's settings, so a corrupt hash asking for gigabytes fails instead of allocating.
const scryptMaxMemory = 2 * 128 * current.N * current.r;

function deriveScrypt(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number) {
  return scryptAsync(password, salt, keyLength, { N, r, p, maxmem: scryptMaxMemory });
}

/** Hashes a new password with the current scrypt settings and a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength, saltLength } = current;
  const salt = randomBytes(saltLength);
  const hash = await deriveScrypt(password, salt, N, r, p, keyLength);
  return ['scrypt', N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/**
 * Whether `password` matches the stored hash, compared in constant time. A malformed or unknown
 * encoding (Django's "!" unusable password, a truncated value) does not match; it never throws.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const stored = parse(encoded);
  if (!stored) return false;
  try {
    const candidate =
      stored.algorithm === 'scrypt'
        ? await deriveScrypt(password, stored.salt, stored.N, stored.r, stored.p, stored.hash.length)
        : // Django: PBKDF2-HMAC-SHA256 over the UTF-8 password, the salt string as UTF-8, 32 bytes.
          await pbkdf2Async(password, stored.salt, stored.iterations, djangoPbkdf2KeyLength, 'sha256');
    return timingSafeEqual(candidate, stored.hash);
  } catch {
    // Parameters that parse but that scrypt rejects (N not a power of two, too much memory)
    // come from a corrupt hash, not from a fault: such a hash matches no password.
    return false;
  }
}

/** True unless the hash is scrypt with today's settings: the login then stores a fresh hash. */
export function needsRehash(encoded: string): boolean {
  const stored = parse(encoded);
  return !(
    stored?.algorithm === 'scrypt' &&
    stored.N === current.N &&
    stored.r === current.r &&
    stored.p === current.p &&
    stored.hash.length === current.keyLength
  );
}
