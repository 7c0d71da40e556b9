import { create } from 'zustand';

import type { RotateSecretResult, StorageList } from '../../../electron/contract';
import { clair } from '../api/clair';
import { withConfirmation } from './confirmation-store';
import { failedState, type LoadState } from './load-state';

interface StorageStore {
  environment: string | undefined;
  list: LoadState<StorageList>;
  creating: boolean;
  /** What the last action did, or why it failed, in words. */
  notice: { kind: 'done' | 'failed'; message: string } | undefined;
  load: (environment: string) => Promise<void>;
  createVolumes: () => Promise<void>;
  /**
   * Rotates a secret; the value goes to the engine only and is not kept here. Resolves with the
   * result, undefined when the user cancelled the confirmation; throws the engine's error.
   */
  rotateSecret: (secret: string, value: string) => Promise<RotateSecretResult | undefined>;
}

export const useStorageStore = create<StorageStore>()((set, get) => {
  const refresh = async () => {
    const environment = get().environment;
    if (!environment) return;
    try {
      const list = await clair.storage.list({ environment });
      if (get().environment === environment) set({ list: { status: 'ready', data: list } });
    } catch (error) {
      if (get().environment === environment) set({ list: failedState(error) });
    }
  };
  return {
    environment: undefined,
    list: { status: 'idle' },
    creating: false,
    notice: undefined,
    load: async (environment) => {
      set({ environment, list: { status: 'loading' }, notice: undefined });
      await refresh();
    },
    createVolumes: async () => {
      const environment = get().environment;
      if (!environment) return;
      set({ creating: true, notice: undefined });
      try {
        const result = await withConfirmation(environment, (confirm) =>
          clair.storage.createVolumes({ environment, confirm }),
        );
        if (result) {
          const message =
            result.created.length === 0 ? 'Every volume already exists.' : `Created ${result.created.join(', ')}.`;
          set({ notice: { kind: 'done', message } });
        }
      } catch (error) {
        set({ notice: { kind: 'failed', message: failedState(error).message } });
      } finally {
        set({ creating: false });
        await refresh();
      }
    },
    rotateSecret: async (secret, value) => {
      const environment = get().environment;
      if (!environment) return undefined;
      try {
        return await withConfirmation(environment, (confirm) =>
          clair.storage.rotateSecret({ environment, secret, value, confirm }),
        );
      } finally {
        await refresh();
      }
    },
  };
});
