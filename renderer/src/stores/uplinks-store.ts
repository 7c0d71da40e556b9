import { create } from 'zustand';

import {
  type ErrorData,
  type RawUplink,
  type SaveUplinksResult,
  type Unsubscribe,
  type UplinkApplication,
  type UplinkRow,
  type UplinksEvent,
  type UplinkSaveFormat,
  type UplinkSourceKind,
  type UplinkSources,
  uplinkHistory,
} from '../../../electron/contract';
import { clair } from '../api/clair';
import { failedState, type LoadState } from './load-state';
import { everyUplink, UplinkBuffer, type UplinkFilter } from './uplink-buffer';

type Connection = Extract<UplinksEvent, { type: 'connection' }>;

interface UplinksState {
  environment: string | undefined;
  sources: LoadState<UplinkSources>;
  source: UplinkSourceKind | undefined;
  stream: { status: 'idle' | 'watching' | 'ended' } | { status: 'failed'; error: ErrorData };
  /** The core's session of this watch: raw messages and saves are asked for by it. */
  session: string | undefined;
  connections: Partial<Record<UplinkApplication, Connection>>;
  filter: UplinkFilter;
  /** `buffer.received` when the view froze; rows keep arriving behind it. */
  pausedAt: number | undefined;
  /** The row shown in the detail panel, kept here so it stays readable after eviction. */
  detail: UplinkRow | undefined;
  raw: LoadState<RawUplink>;
  saving: LoadState<SaveUplinksResult>;
  /** Bumped (at most once a frame) whenever the buffer changed; components re-read it then. */
  version: number;
  buffer: UplinkBuffer;
}

interface UplinksActions {
  open: (environment: string) => void;
  close: () => void;
  /** Watches the source again (another source, or after a refusal or a dropped stream). */
  watch: (source: UplinkSourceKind) => void;
  setFilter: (changes: Partial<UplinkFilter>) => void;
  setPaused: (paused: boolean) => void;
  showDetail: (row: UplinkRow | undefined) => void;
  save: (format: UplinkSaveFormat, file: string) => Promise<void>;
}

export type UplinksStore = UplinksState & UplinksActions;

/** The rows the table shows: every matching one, or those that arrived before it was paused. */
export function shownCount(state: Pick<UplinksState, 'buffer' | 'pausedAt'>): number {
  return state.pausedAt === undefined ? state.buffer.matchCount : state.buffer.countBefore(state.pausedAt);
}

/** TTN when its keys are in place, else the dev extension's simulated TTN when there is one. */
function defaultSource(sources: UplinkSources): UplinkSourceKind | undefined {
  const usable = sources.sources.filter((source) => source.problems.length === 0);
  return usable.find((source) => source.kind === 'ttn')?.kind ?? usable[0]?.kind;
}

export function createUplinksStore(capacity = uplinkHistory) {
  let filter = everyUplink;
  let unsubscribe: Unsubscribe | undefined;
  let updateScheduled = false;

  return create<UplinksStore>()((set, get) => {
    const onEvent = (event: UplinksEvent) => {
      if (event.type === 'session') set({ session: event.session });
      else if (event.type === 'connection') set({ connections: { ...get().connections, [event.application]: event } });
      else {
        // The buffer takes the rows at once; React hears of them at most once a frame.
        get().buffer.add(event.rows, filter);
        if (updateScheduled) return;
        updateScheduled = true;
        requestAnimationFrame(() => {
          updateScheduled = false;
          set({ version: get().version + 1 });
        });
      }
    };

    const subscribe = (source: UplinkSourceKind) => {
      unsubscribe?.();
      const { environment } = get();
      if (!environment) return;
      set({
        source,
        buffer: new UplinkBuffer(capacity),
        stream: { status: 'watching' },
        session: undefined,
        connections: {},
        pausedAt: undefined,
        detail: undefined,
        raw: { status: 'idle' },
        saving: { status: 'idle' },
        version: get().version + 1,
      });
      unsubscribe = clair.uplinks.watch({ environment, source }, (message) => {
        if (message.type === 'event') onEvent(message.event);
        else set({ stream: message.error ? { status: 'failed', error: message.error } : { status: 'ended' } });
      });
    };

    const loadSources = async (environment: string) => {
      set({ sources: { status: 'loading' } });
      try {
        const sources = await clair.uplinks.sources({ environment });
        if (get().environment !== environment) return;
        set({ sources: { status: 'ready', data: sources } });
        const source = defaultSource(sources);
        if (source) subscribe(source);
      } catch (error) {
        if (get().environment === environment) set({ sources: failedState(error) });
      }
    };

    return {
      environment: undefined,
      sources: { status: 'idle' },
      source: undefined,
      stream: { status: 'idle' },
      session: undefined,
      connections: {},
      filter,
      pausedAt: undefined,
      detail: undefined,
      raw: { status: 'idle' },
      saving: { status: 'idle' },
      version: 0,
      buffer: new UplinkBuffer(capacity),

      open: (environment) => {
        unsubscribe?.();
        unsubscribe = undefined;
        set({ environment, source: undefined, stream: { status: 'idle' }, connections: {} });
        void loadSources(environment);
      },
      close: () => {
        unsubscribe?.();
        unsubscribe = undefined;
        set({ stream: { status: 'idle' } });
      },
      watch: subscribe,
      setFilter: (changes) => {
        filter = { ...get().filter, ...changes };
        get().buffer.refilter(filter);
        set({ filter, version: get().version + 1 });
      },
      setPaused: (paused) => set({ pausedAt: paused ? get().buffer.received : undefined, version: get().version + 1 }),
      showDetail: (row) => {
        set({ detail: row, raw: row ? { status: 'loading' } : { status: 'idle' } });
        const { session } = get();
        if (!row || !session) return;
        clair.uplinks.raw({ session, seq: row.seq }).then(
          (raw) => {
            if (get().detail === row) set({ raw: { status: 'ready', data: raw } });
          },
          (error: unknown) => {
            if (get().detail === row) set({ raw: failedState(error) });
          },
        );
      },
      save: async (format, file) => {
        const state = get();
        if (!state.environment || !state.session) return;
        const seqs = [...state.buffer.matching(shownCount(state))].map((row) => row.seq);
        set({ saving: { status: 'loading' } });
        try {
          const result = await clair.uplinks.save({
            environment: state.environment,
            session: state.session,
            seqs,
            format,
            file,
          });
          set({ saving: { status: 'ready', data: result } });
        } catch (error) {
          set({ saving: failedState(error) });
        }
      },
    };
  });
}

export const useUplinksStore = createUplinksStore();
