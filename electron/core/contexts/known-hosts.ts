import { createHash, createHmac } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

import { ContextError, type HostKey } from './context-error';

export const DEFAULT_KNOWN_HOSTS = join(homedir(), '.ssh', 'known_hosts');

/** What known_hosts says about the key a server presented. */
export type HostKeyVerdict =
  | { status: 'known' }
  | { status: 'unknown' }
  | { status: 'changed'; expected: HostKey; line: number; revoked: boolean };

interface Entry {
  line: number;
  marker?: '@revoked' | '@cert-authority';
  patterns: string;
  type: string;
  blob: Buffer;
}

/** The host name as known_hosts writes it: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** Type, SHA256 fingerprint and known_hosts form of a raw SSH public key blob. */
export function hostKeyOf(blob: Buffer): HostKey {
  // The blob starts with its type as an SSH string: a 32-bit length, then the name.
  const type = blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1');
  const digest = createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
  return { type, fingerprint: `SHA256:${digest}`, publicKey: `${type} ${blob.toString('base64')}` };
}

function parseEntries(text: string): Entry[] {
  const entries: Entry[] = [];
  text.split('\n').forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) return;
    const marker = fields[0] === '@revoked' || fields[0] === '@cert-authority' ? fields.shift() : undefined;
    const [patterns, type, base64] = fields;
    if (!patterns || !type || !base64) return;
    entries.push({
      line: index + 1,
      ...(marker ? { marker: marker as Entry['marker'] } : {}),
      patterns,
      type,
      blob: Buffer.from(base64, 'base64'),
    });
  });
  return entries;
}

/** OpenSSH's glob: `*` any run, `?` one character. */
function globMatches(pattern: string, name: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(name);
}

/** `|1|salt|hash`: HMAC-SHA1 of the name keyed with the salt, as HashKnownHosts writes it. */
function hashedMatches(pattern: string, name: string): boolean {
  const [, salt, hash] = pattern.split('|').slice(1);
  if (!salt || !hash) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

function entryMatches(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) return hashedMatches(patterns, name);
  let matched = false;
  for (const pattern of patterns.split(',')) {
    // A matching negated pattern rules the whole line out, whatever else matches.
    if (pattern.startsWith('!')) {
      if (globMatches(pattern.slice(1), name)) return false;
    } else if (globMatches(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/**
 * Checks a presented host key against known_hosts text the way OpenSSH does: the key listed for
 * this host is known; another key of the same type for this host, or a key marked @revoked, means
 * the key changed; anything else (including a host known only by keys of other types) is unknown.
 */
export function checkHostKey(knownHosts: string, host: string, port: number, blob: Buffer): HostKeyVerdict {
  const name = knownHostsName(host, port);
  const presented = hostKeyOf(blob);
  const entries = parseEntries(knownHosts);
  const revoked = entries.find((entry) => entry.marker === '@revoked' && entry.blob.equals(blob));
  if (revoked) return { status: 'changed', expected: hostKeyOf(revoked.blob), line: revoked.line, revoked: true };

  const forHost = entries.filter((entry) => !entry.marker && entryMatches(entry.patterns, name));
  if (forHost.some((entry) => entry.blob.equals(blob))) return { status: 'known' };
  const other = forHost.find((entry) => entry.type === presented.type);
  if (other) return { status: 'changed', expected: hostKeyOf(other.blob), line: other.line, revoked: false };
  return { status: 'unknown' };
}

/** The file's text, empty when it does not exist yet. */
export async function readKnownHosts(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** The plain-language refusal for a key that is not the known one. */
export function changedHostKeyError(
  knownHostsPath: string,
  host: string,
  port: number,
  blob: Buffer,
  verdict: Extract<HostKeyVerdict, { status: 'changed' }>,
): ContextError {
  const name = knownHostsName(host, port);
  const presented = hostKeyOf(blob);
  const message = verdict.revoked
    ? `REFUSED: the SSH host key of ${name} (${presented.type} ${presented.fingerprint}) is marked @revoked ` +
      `in ${knownHostsPath} line ${verdict.line}. Not connecting.`
    : `WARNING: THE SSH HOST KEY OF ${name} HAS CHANGED. Someone may be intercepting the connection ` +
      `(man-in-the-middle), or the server was reinstalled. Expected ${verdict.expected.type} ` +
      `${verdict.expected.fingerprint} (${knownHostsPath} line ${verdict.line}), the server presented ` +
      `${presented.type} ${presented.fingerprint}. Not connecting. If the change is legitimate, remove the ` +
      `old entry (ssh-keygen -R '${name}' -f ${knownHostsPath}) and connect again.`;
  return new ContextError('host-key-changed', message, { host, port, ...presented });
}

/** The plain-language refusal for a key known_hosts does not list. */
export function unknownHostKeyError(knownHostsPath: string, host: string, port: number, blob: Buffer): ContextError {
  const presented = hostKeyOf(blob);
  return new ContextError(
    'host-key-unknown',
    `The SSH host key of ${knownHostsName(host, port)} is not in ${knownHostsPath}: ${presented.type} ` +
      `${presented.fingerprint}. Compare it with the server's own (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub ` +
      `on the server) and trust it to connect.`,
    { host, port, ...presented },
  );
}

/**
 * Adds a host key to known_hosts after the user compared its fingerprint: the explicit step that
 * lets a refused unknown host connect. Refuses when known_hosts holds a different key of that type
 * for the host: a changed key is never trusted over the old one.
 */
export async function trustHostKey(
  host: string,
  port: number,
  publicKey: string,
  options: { knownHostsPath?: string } = {},
): Promise<void> {
  const path = options.knownHostsPath ?? DEFAULT_KNOWN_HOSTS;
  const [, base64] = publicKey.trim().split(/\s+/);
  const blob = Buffer.from(base64 ?? '', 'base64');
  if (blob.length < 8 || 4 + blob.readUInt32BE(0) > blob.length) {
    throw new Error(`not an SSH public key (expected "<type> <base64>"): ${publicKey.slice(0, 40)}`);
  }
  const text = await readKnownHosts(path);
  const verdict = checkHostKey(text, host, port, blob);
  if (verdict.status === 'known') return;
  if (verdict.status === 'changed') throw changedHostKeyError(path, host, port, blob, verdict);

  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const separator = text && !text.endsWith('\n') ? '\n' : '';
  await appendFile(path, `${separator}${knownHostsName(host, port)} ${hostKeyOf(blob).publicKey}\n`, { mode: 0o600 });
}
