import { z } from 'zod';

import { defineInvoke } from '../define';

/**
 * Where the control centre keeps secrets (SMTP passwords, API keys) that it needs later.
 * os-keychain: Electron's safeStorage over the OS keychain; basic-text: Linux without a keyring,
 * where safeStorage only obfuscates with a fixed key; file: browser mode, no encryption at all.
 */
export const SecretStoreStatus = z.object({
  backend: z.enum(['os-keychain', 'basic-text', 'file']),
  encrypted: z.boolean(),
  /** Whether setting a secret works, needs the explicit plain-text choice, or cannot work here. */
  storing: z.enum(['allowed', 'needs-plain-text-choice', 'unavailable']),
  /** For people: what this means for their secrets, naming the file where there is one. */
  message: z.string(),
});
export type SecretStoreStatus = z.infer<typeof SecretStoreStatus>;

export const SecretName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a secret name is 1 to 64 letters, digits, dots, dashes or underscores');

export const SetSecretRequest = z.object({
  name: SecretName,
  value: z.string().min(1).max(65_536),
  /** The user's explicit consent to store without encryption where no keyring exists. */
  allowPlainText: z.boolean().default(false),
});
export type SetSecretRequest = z.input<typeof SetSecretRequest>;

/**
 * The renderer may store, list and delete secrets, never read one back: no channel here returns
 * a value, so a compromised page cannot take them.
 */
export const secretsChannels = {
  status: defineInvoke('secrets:status', z.void(), SecretStoreStatus),
  set: defineInvoke('secrets:set', SetSecretRequest, z.void(), { title: 'Stored a secret' }),
  list: defineInvoke('secrets:list', z.void(), z.array(SecretName)),
  delete: defineInvoke('secrets:delete', z.object({ name: SecretName }), z.void(), { title: 'Deleted a secret' }),
};
