import { create } from 'zustand';

export const pages = [
  { id: 'overview', label: 'Overview' },
  { id: 'environments', label: 'Environments' },
] as const;
export type PageId = (typeof pages)[number]['id'];

interface NavigationStore {
  page: PageId;
  open: (page: PageId) => void;
}

export const useNavigationStore = create<NavigationStore>()((set) => ({
  page: 'overview',
  open: (page) => set({ page }),
}));
