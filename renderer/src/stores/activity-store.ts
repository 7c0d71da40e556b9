import { create } from 'zustand';

import type { ActivityEntry, Unsubscribe } from '../../../electron/contract';
import { clair } from '../api/clair';
import { failedState, type LoadState } from './load-state';

/** How many past actions the screen shows; older ones stay in the log file. */
const shown = 500;

interface ActivityStore {
  entries: LoadState<ActivityEntry[]>;
  /** Loads the latest actions and follows new ones until close. */
  open: () => Promise<void>;
  close: () => void;
}

/** Newest first, each action once (the follow stream and the list may both carry one). */
function merged(newer: ActivityEntry[], older: ActivityEntry[]): ActivityEntry[] {
  const seen = new Set<string>();
  return [...newer, ...older]
    .filter((entry) => !seen.has(entry.id) && seen.add(entry.id))
    .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))
    .slice(0, shown);
}

export const useActivityStore = create<ActivityStore>()((set, get) => {
  let unsubscribe: Unsubscribe | undefined;
  /** Entries that arrive while the list is loading, so none falls between the two. */
  let early: ActivityEntry[] = [];

  return {
    entries: { status: 'idle' },
    open: async () => {
      get().close();
      set({ entries: { status: 'loading' } });
      early = [];
      unsubscribe = clair.activity.follow(undefined, (message) => {
        if (message.type === 'end') return;
        const current = get().entries;
        if (current.status === 'ready')
          set({ entries: { status: 'ready', data: merged([message.event], current.data) } });
        else early.push(message.event);
      });
      try {
        const listed = await clair.activity.list({ limit: shown });
        set({ entries: { status: 'ready', data: merged(early.reverse(), listed) } });
      } catch (error) {
        set({ entries: failedState(error) });
      }
    },
    close: () => {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  };
});
