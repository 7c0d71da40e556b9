import { create } from 'zustand';

import type { SaveConnectionRequest, SavedConnection, SecretStoreStatus } from '../../../electron/contract';
import { clair } from '../api/clair';
import { actionRunner } from './action-runner';
import { failedState, type LoadState } from './load-state';

interface SavedConnectionsStore {
  /** The saved connections, and whether the secret store can keep a new one (and how safely). */
  connections: LoadState<{ list: SavedConnection[]; store: SecretStoreStatus }>;
  /** The saved connection the Database screen browses; undefined: the selected environment's database. */
  chosen: string | undefined;
  /** Why the last save or delete failed; cleared by the next one. */
  actionError: string | undefined;
  load: () => Promise<void>;
  choose: (name: string | undefined) => void;
  /** Resolves true when the connection was saved. */
  save: (request: SaveConnectionRequest) => Promise<boolean>;
  remove: (name: string) => Promise<void>;
}

export const useSavedConnectionsStore = create<SavedConnectionsStore>()((set, get) => {
  const act = actionRunner(
    (actionError) => set({ actionError }),
    () => get().load(),
  );
  return {
    connections: { status: 'idle' },
    chosen: undefined,
    actionError: undefined,
    load: async () => {
      if (get().connections.status !== 'ready') set({ connections: { status: 'loading' } });
      try {
        const [{ connections }, store] = await Promise.all([clair.database.connections(), clair.secrets.status()]);
        set({ connections: { status: 'ready', data: { list: connections, store } } });
      } catch (error) {
        set({ connections: failedState(error) });
      }
    },
    choose: (name) => set({ chosen: name }),
    save: (request) => act(() => clair.database.saveConnection(request)),
    remove: async (name) => {
      if (await act(() => clair.database.deleteConnection({ name }))) {
        if (get().chosen === name) set({ chosen: undefined });
      }
    },
  };
});
