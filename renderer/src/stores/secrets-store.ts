import { create } from 'zustand';

import type { SecretStoreStatus, SetSecretRequest } from '../../../electron/contract';
import { clair } from '../api/clair';
import { actionRunner } from './action-runner';
import { failedState, type LoadState } from './load-state';

export interface SecretsOverview {
  status: SecretStoreStatus;
  names: string[];
}

interface SecretsStore {
  secrets: LoadState<SecretsOverview>;
  /** Why the last store or remove failed; cleared by the next one. */
  actionError: string | undefined;
  load: () => Promise<void>;
  /** Resolves true when the secret was stored. */
  store: (request: SetSecretRequest) => Promise<boolean>;
  remove: (name: string) => Promise<void>;
}

export const useSecretsStore = create<SecretsStore>()((set, get) => {
  const act = actionRunner(
    (actionError) => set({ actionError }),
    () => get().load(),
  );
  return {
    secrets: { status: 'idle' },
    actionError: undefined,
    load: async () => {
      if (get().secrets.status !== 'ready') set({ secrets: { status: 'loading' } });
      try {
        const [status, names] = await Promise.all([clair.secrets.status(), clair.secrets.list()]);
        set({ secrets: { status: 'ready', data: { status, names } } });
      } catch (error) {
        set({ secrets: failedState(error) });
      }
    },
    store: (request) => act(() => clair.secrets.set(request)),
    remove: async (name) => {
      await act(() => clair.secrets.delete({ name }));
    },
  };
});
