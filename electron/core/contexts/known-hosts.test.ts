import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { utils } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ContextError } from './context-error';
import { checkHostKey, hostKeyOf, knownHostsName, trustHostKey } from './known-hosts';

const run = promisify(execFile);

/** A fresh host key: the known_hosts form and the raw blob a server presents. */
function newHostKey(type: 'ed25519' | 'ecdsa' = 'ed25519'): { line: string; blob: Buffer } {
  const publicKey = utils.generateKeyPairSync(type, type === 'ecdsa' ? { bits: 256 } : {}).public;
  const parsed = utils.parseKey(publicKey);
  if (parsed instanceof Error) throw parsed;
  return { line: publicKey.split(' ').slice(0, 2).join(' '), blob: parsed.getPublicSSH() };
}

describe('known_hosts', () => {
  const server = newHostKey();
  const other = newHostKey();
  const otherType = newHostKey('ecdsa');
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clair-known-hosts-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names hosts as OpenSSH does: bare on port 22, [host]:port otherwise', () => {
    expect(knownHostsName('example.org', 22)).toBe('example.org');
    expect(knownHostsName('10.0.0.5', 2222)).toBe('[10.0.0.5]:2222');
  });

  it('prints the fingerprint ssh-keygen prints', async () => {
    const file = join(dir, 'key.pub');
    await writeFile(file, `${server.line}\n`);
    const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', file]);
    expect(stdout).toContain(hostKeyOf(server.blob).fingerprint);
    expect(hostKeyOf(server.blob)).toMatchObject({ type: 'ssh-ed25519', publicKey: server.line });
  });

  it('knows a key listed for the host, plain, with patterns, or hashed by ssh-keygen -H', async () => {
    expect(checkHostKey(`db.example.org ${server.line}\n`, 'db.example.org', 22, server.blob)).toEqual({
      status: 'known',
    });
    expect(
      checkHostKey(`# comment\n[10.0.0.5]:2222 ${server.line} me@laptop\n`, '10.0.0.5', 2222, server.blob),
    ).toEqual({ status: 'known' });
    expect(checkHostKey(`*.example.org,!bad.example.org ${server.line}`, 'db.example.org', 22, server.blob)).toEqual({
      status: 'known',
    });
    expect(checkHostKey(`*.example.org,!bad.example.org ${server.line}`, 'bad.example.org', 22, server.blob)).toEqual({
      status: 'unknown',
    });

    const file = join(dir, 'hashed');
    await writeFile(file, `[10.0.0.5]:2222 ${server.line}\ndb.example.org ${other.line}\n`);
    await run('ssh-keygen', ['-H', '-f', file]);
    const hashed = await readFile(file, 'utf8');
    expect(hashed).not.toContain('10.0.0.5');
    expect(hashed).toContain('|1|');
    expect(checkHostKey(hashed, '10.0.0.5', 2222, server.blob)).toEqual({ status: 'known' });
    expect(checkHostKey(hashed, 'db.example.org', 22, other.blob)).toEqual({ status: 'known' });
    expect(checkHostKey(hashed, '10.0.0.5', 22, server.blob)).toEqual({ status: 'unknown' });
  });

  it('calls a key unknown when the host is not listed, or listed for other ports or key types only', () => {
    const text = `10.0.0.5 ${server.line}\n[10.0.0.5]:2222 ${otherType.line}\n`;
    expect(checkHostKey(text, '10.0.0.6', 22, server.blob)).toEqual({ status: 'unknown' });
    expect(checkHostKey(text, '10.0.0.5', 2222, server.blob)).toEqual({ status: 'unknown' });
  });

  it('calls a key changed when the host is listed with another key of its type, or the key is revoked', () => {
    const changed = checkHostKey(`\n[10.0.0.5]:2222 ${other.line}\n`, '10.0.0.5', 2222, server.blob);
    expect(changed).toEqual({ status: 'changed', expected: hostKeyOf(other.blob), line: 2, revoked: false });
    const revoked = checkHostKey(`@revoked * ${server.line}\n10.0.0.5 ${server.line}`, '10.0.0.5', 22, server.blob);
    expect(revoked).toMatchObject({ status: 'changed', revoked: true, line: 1 });
  });

  it('trusts a key by appending a line ssh-keygen -F finds, and never over a changed key', async () => {
    const file = join(dir, 'sub', 'known_hosts');
    await trustHostKey('10.0.0.5', 2222, server.line, { knownHostsPath: file });
    await trustHostKey('10.0.0.5', 2222, server.line, { knownHostsPath: file });
    const text = await readFile(file, 'utf8');
    expect(text).toBe(`[10.0.0.5]:2222 ${server.line}\n`);
    const { stdout } = await run('ssh-keygen', ['-F', '[10.0.0.5]:2222', '-f', file]);
    expect(stdout).toContain(server.line);

    const refusal = await trustHostKey('10.0.0.5', 2222, other.line, { knownHostsPath: file }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ContextError);
    expect(refusal).toMatchObject({
      failure: 'host-key-changed',
      hostKey: { fingerprint: hostKeyOf(other.blob).fingerprint },
    });
    expect((refusal as Error).message).toMatch(/HAS CHANGED.*man-in-the-middle/);
    expect(await readFile(file, 'utf8')).toBe(text);

    await expect(trustHostKey('10.0.0.5', 22, 'ssh-ed25519 bm9wZQ==', { knownHostsPath: file })).rejects.toThrow(
      /not an SSH public key/,
    );
  });
});
