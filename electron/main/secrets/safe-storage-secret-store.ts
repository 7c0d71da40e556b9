import type { SecretStoreStatus } from '../../contract';
import { createSecretStoreOverFile, type SecretStore } from '../../core/secrets/secret-store';

/** The part of Electron's safeStorage this store uses; tests pass a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable: () => boolean;
  encryptString: (plainText: string) => Buffer;
  decryptString: (encrypted: Buffer) => string;
  /** Linux only: 'basic_text' means no keyring, and the "encryption" uses a fixed key. */
  getSelectedStorageBackend?: () => string;
}

/** What safeStorage can do on this machine, as the renderer shows it. */
export function safeStorageStatus(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretStoreStatus {
  if (!safeStorage.isEncryptionAvailable()) {
    return {
      backend: 'os-keychain',
      encrypted: false,
      storing: 'unavailable',
      message: 'The OS keychain cannot be reached, so secrets cannot be stored safely here.',
    };
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return {
      backend: 'basic-text',
      encrypted: false,
      storing: 'needs-plain-text-choice',
      message:
        'No keyring (GNOME Keyring or KWallet) is running: secrets would be stored with a fixed key that anyone with your files can undo. Store them only if you choose to.',
    };
  }
  return {
    backend: 'os-keychain',
    encrypted: true,
    storing: 'allowed',
    message: 'Secrets are encrypted with the OS keychain.',
  };
}

/**
 * The desktop store: values encrypted by safeStorage (base64 in a 0600 file). It refuses to store
 * when there is no keychain, and without a keyring on Linux unless the user chose plain text.
 */
export function createSafeStorageSecretStore(
  path: string,
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretStore {
  return createSecretStoreOverFile(path, {
    status: () => safeStorageStatus(safeStorage, platform),
    encode: (value) => safeStorage.encryptString(value).toString('base64'),
    decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  });
}
