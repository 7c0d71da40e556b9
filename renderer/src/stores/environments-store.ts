import { create } from 'zustand';

import type { EnvironmentDetails } from '../../../electron/contract';
import { clair } from '../api/clair';
import { failedState, type LoadState } from './load-state';

interface EnvironmentsStore {
  /** Every env file with its class, context and problems; malformed files included, with their problems. */
  environments: LoadState<EnvironmentDetails[]>;
  load: () => Promise<void>;
}

export const useEnvironmentsStore = create<EnvironmentsStore>()((set) => ({
  environments: { status: 'idle' },
  load: async () => {
    set({ environments: { status: 'loading' } });
    try {
      set({ environments: { status: 'ready', data: await clair.environments.details() } });
    } catch (error) {
      set({ environments: failedState(error) });
    }
  },
}));
