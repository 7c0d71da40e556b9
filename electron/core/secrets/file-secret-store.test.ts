import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ClairError } from '../../contract';
import { createFileSecretStore } from './file-secret-store';

async function storeInTempDir() {
  const path = join(await mkdtemp(join(tmpdir(), 'elmh-secrets-')), 'state', 'secrets.json');
  return { path, store: createFileSecretStore(path) };
}

describe('the file secret store of browser mode', () => {
  it('says that it stores unencrypted, and where', async () => {
    const { path, store } = await storeInTempDir();
    expect(await store.status()).toEqual({
      backend: 'file',
      encrypted: false,
      storing: 'allowed',
      message: expect.stringContaining(`stored unencrypted in ${path}, mode 0600`),
    });
  });

  it('keeps secrets in a file only its owner can read, and lists and deletes them by name', async () => {
    const { path, store } = await storeInTempDir();
    expect(await store.list()).toEqual([]);
    await store.set('smtp_password', 's3cret-value', { allowPlainText: false });
    await store.set('api_key', 'other', { allowPlainText: false });

    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await store.list()).toEqual(['api_key', 'smtp_password']);
    expect(await readFile(path, 'utf8')).toContain('s3cret-value');

    await store.set('smtp_password', 'replaced', { allowPlainText: false });
    await store.delete('api_key');
    expect(await store.list()).toEqual(['smtp_password']);
    expect(await store.reveal('smtp_password')).toBe('replaced');
    expect(await store.reveal('api_key')).toBeUndefined();
    expect(await readFile(path, 'utf8')).not.toContain('s3cret-value');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('reports a damaged file with its path, without quoting its content', async () => {
    const { path, store } = await storeInTempDir();
    await store.set('a', 'x', { allowPlainText: false });
    await writeFile(path, '{"version":1,"secrets":{"a":"leaked-if-quoted"');

    const failure = await store.list().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ClairError);
    expect((failure as ClairError).message).toContain(`${path} is damaged`);
    expect((failure as ClairError).message).not.toContain('leaked-if-quoted');
    await expect(store.set('b', 'y', { allowPlainText: false })).rejects.toThrow(path);
  });
});
