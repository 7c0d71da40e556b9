import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createSafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store';

/** Reversible and recognisable, so the test can see that only ciphertext reaches the file. */
function fakeSafeStorage(available: boolean, backend?: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`enc(${[...text].reverse().join('')})`),
    decryptString: (encrypted) => [...encrypted.toString().slice('enc('.length, -1)].reverse().join(''),
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  };
}

async function secretsPath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'elmh-safe-')), 'secrets.safe-storage.json');
}

describe('the safeStorage secret store', () => {
  it('stores only ciphertext, in a 0600 file, where the OS keychain encrypts', async () => {
    const path = await secretsPath();
    const store = createSafeStorageSecretStore(path, fakeSafeStorage(true, 'gnome_libsecret'), 'linux');
    expect(await store.status()).toMatchObject({ backend: 'os-keychain', encrypted: true, storing: 'allowed' });

    await store.set('smtp_password', 'plain-value', { allowPlainText: false });
    const content = await readFile(path, 'utf8');
    expect(content).not.toContain('plain-value');
    expect(content).toContain(Buffer.from('enc(eulav-nialp)').toString('base64'));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await store.list()).toEqual(['smtp_password']);
    expect(await store.reveal('smtp_password')).toBe('plain-value');
    expect(await store.reveal('absent')).toBeUndefined();
  });

  it('on Linux without a keyring says so and stores only after the explicit plain-text choice', async () => {
    const store = createSafeStorageSecretStore(await secretsPath(), fakeSafeStorage(true, 'basic_text'), 'linux');
    const status = await store.status();
    expect(status).toMatchObject({ backend: 'basic-text', encrypted: false, storing: 'needs-plain-text-choice' });
    expect(status.message).toMatch(/No keyring/);

    await expect(store.set('a', 'v', { allowPlainText: false })).rejects.toThrow(/not stored: No keyring/);
    expect(await store.list()).toEqual([]);
    await store.set('a', 'v', { allowPlainText: true });
    expect(await store.list()).toEqual(['a']);
  });

  it('refuses to store when encryption is not available at all, whatever the choice', async () => {
    const store = createSafeStorageSecretStore(await secretsPath(), fakeSafeStorage(false), 'darwin');
    expect(await store.status()).toMatchObject({ encrypted: false, storing: 'unavailable' });
    await expect(store.set('a', 'v', { allowPlainText: true })).rejects.toThrow(/keychain cannot be reached/);
  });

  it('treats basic_text as a keyring question on Linux only', async () => {
    const store = createSafeStorageSecretStore(await secretsPath(), fakeSafeStorage(true, 'basic_text'), 'win32');
    expect(await store.status()).toMatchObject({ backend: 'os-keychain', encrypted: true });
  });
});
