import { create } from 'zustand';

import type { AppInfo } from '../../../electron/contract';
import { clair } from '../api/clair';
import { failedState, type LoadState } from './load-state';

interface AppStore {
  info: LoadState<AppInfo>;
  loadInfo: () => Promise<void>;
}

export const useAppStore = create<AppStore>()((set) => ({
  info: { status: 'idle' },
  loadInfo: async () => {
    set({ info: { status: 'loading' } });
    try {
      set({ info: { status: 'ready', data: await clair.app.getInfo() } });
    } catch (error) {
      set({ info: failedState(error) });
    }
  },
}));
