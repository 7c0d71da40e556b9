import { create } from 'zustand';

interface SelectionStore {
  /** The environment the Deploy, Services, Logs and Volumes screens act on. */
  environment: string | undefined;
  select: (environment: string) => void;
}

/** One selected environment for every screen, so switching screens keeps the context. */
export const useSelectionStore = create<SelectionStore>()((set) => ({
  environment: undefined,
  select: (environment) => set({ environment }),
}));
