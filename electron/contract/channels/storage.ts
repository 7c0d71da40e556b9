import { z } from 'zod';

import { defineInvoke } from '../define';

/**
 * How a volume, secret or config stands: declared and on the swarm (`exists`), declared and not
 * there yet (`missing`), or on the swarm, of the stack, and used by nothing (`unused`, a leftover:
 * an old secret version, a volume of a removed service).
 */
export const StorageStatus = z.enum(['exists', 'missing', 'unused']);
export type StorageStatus = z.infer<typeof StorageStatus>;

export const StoredObject = z.object({
  /** The compose key (`db_password`); absent for leftovers the templates no longer declare. */
  key: z.string().optional(),
  /** The swarm name; for secrets and configs the content-hashed version. */
  name: z.string(),
  status: StorageStatus,
  createdAt: z.string().optional(),
  /** Services (swarm names) that use it, by the templates or by their live spec. */
  usedBy: z.array(z.string()),
  /** Declared `external`: created outside the stack, kept when the stack is removed. */
  external: z.boolean(),
});
export type StoredObject = z.infer<typeof StoredObject>;

export const StoredSecret = StoredObject.extend({
  /** Declared and read from a file the environment names, so the wizard can rotate it. */
  rotatable: z.boolean(),
  /** The file the environment reads it from (a path, never the content). */
  file: z.string().optional(),
  /** PostgreSQL keeps its own copy of this password in its data volume. */
  databasePassword: z.boolean(),
});
export type StoredSecret = z.infer<typeof StoredSecret>;

export const StorageList = z.object({
  stack: z.string(),
  volumes: z.array(StoredObject),
  secrets: z.array(StoredSecret),
  configs: z.array(StoredObject),
});
export type StorageList = z.infer<typeof StorageList>;

export const StorageRequest = z.object({ environment: z.string() });

export const RotateSecretRequest = StorageRequest.extend({
  /** The compose key of the secret. */
  secret: z.string().min(1),
  /** The new content; it goes to the secret file and the swarm, and is never sent back or logged. */
  value: z.string().min(1, 'the new value is empty'),
  confirm: z.string().optional(),
});

export const RotateSecretResult = z.object({
  /** The new content-hashed secret. */
  name: z.string(),
  file: z.string(),
  /** Services switched to the new secret; their tasks restart. */
  updatedServices: z.array(z.string()),
});
export type RotateSecretResult = z.infer<typeof RotateSecretResult>;

export const storageChannels = {
  /** The volumes, secrets and configs the stack declares against those on the swarm. */
  list: defineInvoke('storage:list', StorageRequest, StorageList),
  createVolumes: defineInvoke(
    'storage:create-volumes',
    StorageRequest.extend({ confirm: z.string().optional() }),
    z.object({ created: z.array(z.string()) }),
    { title: 'Created missing volumes' },
  ),
  rotateSecret: defineInvoke('storage:rotate-secret', RotateSecretRequest, RotateSecretResult, {
    title: 'Rotated a secret',
  }),
};
