import { create } from 'zustand';

export const pages = [
  { id: 'overview', label: 'Overview' },
  { id: 'environments', label: 'Environments' },
  { id: 'deploy', label: 'Deploy' },
  { id: 'services', label: 'Services' },
  { id: 'logs', label: 'Logs' },
  { id: 'uplinks', label: 'Uplinks' },
  { id: 'recovery', label: 'Recovery' },
  { id: 'fixtures', label: 'Fixture import' },
  { id: 'database', label: 'Database' },
  { id: 'storage', label: 'Volumes & secrets' },
  { id: 'activity', label: 'Activity' },
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
