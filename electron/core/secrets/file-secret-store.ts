import { createSecretStoreOverFile, type SecretStore } from './secret-store';

/**
 * Browser mode's store: the host has no OS keychain (safeStorage is Electron's), so secrets sit
 * unencrypted in a file only its owner can read, and the status says exactly that.
 */
export function createFileSecretStore(path: string): SecretStore {
  return createSecretStoreOverFile(path, {
    status: () => ({
      backend: 'file',
      encrypted: false,
      storing: 'allowed',
      message: `Browser mode has no OS keychain: secrets are stored unencrypted in ${path}, mode 0600 (readable by your user only).`,
    }),
    encode: (value) => value,
    decode: (stored) => stored,
  });
}
