import { create } from 'zustand';

import type { EnvironmentSummary } from '../../../electron/contract';
import { clair } from '../api/clair';
import { failedState, type LoadState } from './load-state';

interface EnvironmentsStore {
  environments: LoadState<EnvironmentSummary[]>;
  load: () => Promise<void>;
}

export const useEnvironmentsStore = create<EnvironmentsStore>()((set) => ({
  environments: { status: 'idle' },
  load: async () => {
    set({ environments: { status: 'loading' } });
    try {
      set({ environments: { status: 'ready', data: await clair.environments.list() } });
    } catch (error) {
      set({ environments: failedState(error) });
    }
  },
}));
