import { ClairError, type SecretStoreStatus } from '../../contract';
import { SecretsFile } from './secrets-file';

/**
 * Keeps named secrets for the control centre. Nothing that answers the renderer may hand a value
 * back (see the secrets channels): `reveal` is for the core's own use, e.g. the connection string
 * of a saved database connection when it connects.
 */
export interface SecretStore {
  status: () => Promise<SecretStoreStatus>;
  /** Refuses (ClairError) when the status says storing is unavailable or needs the plain-text choice. */
  set: (name: string, value: string, options: { allowPlainText: boolean }) => Promise<void>;
  list: () => Promise<string[]>;
  /** The value, or undefined when no secret has that name. */
  reveal: (name: string) => Promise<string | undefined>;
  delete: (name: string) => Promise<void>;
}

/** How one kind of store protects values: what it can do now, what it writes for a value, and back. */
export interface SecretProtection {
  status: () => SecretStoreStatus;
  encode: (value: string) => string;
  decode: (stored: string) => string;
}

/** A store over a 0600 secrets file; both the file store and the safeStorage store are this. */
export function createSecretStoreOverFile(path: string, protection: SecretProtection): SecretStore {
  const file = new SecretsFile(path);
  return {
    status: async () => protection.status(),
    set: async (name, value, { allowPlainText }) => {
      const { storing, message } = protection.status();
      if (storing === 'unavailable' || (storing === 'needs-plain-text-choice' && !allowPlainText)) {
        throw new ClairError({ code: 'forbidden', message: `The secret was not stored: ${message}` });
      }
      const encoded = protection.encode(value);
      await file.update((secrets) => {
        secrets[name] = encoded;
      });
    },
    list: async () => Object.keys(await file.read()).sort(),
    reveal: async (name) => {
      const stored = (await file.read())[name];
      return stored === undefined ? undefined : protection.decode(stored);
    },
    delete: (name) =>
      file.update((secrets) => {
        delete secrets[name];
      }),
  };
}
