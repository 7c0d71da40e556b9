import { create } from 'zustand';

import {
  type ErrorData,
  type LogLevel,
  type LogLine,
  type LogsEvent,
  type LogsRequest,
  logLevels,
  type Unsubscribe,
} from '../../../electron/contract';
import { clair } from '../api/clair';
import { LogBuffer, type LogFilter } from './log-buffer';
import { failedState, type LoadState } from './load-state';

export const defaultCapacity = 200_000;
/** How much history a live view starts with, per service. */
const liveTail = 1000;

type Notice = Extract<LogsEvent, { type: 'notice' }>;

export interface TimeRange {
  /** ISO times; both empty: live, from each service's last lines. */
  since: string | undefined;
  until: string | undefined;
}

interface LogsState {
  environment: string | undefined;
  services: LoadState<string[]>;
  stream: { status: 'idle' | 'following' | 'ended' } | { status: 'failed'; error: ErrorData };
  /** The last notice of each service whose stream dropped or came back. */
  notices: Record<string, Notice>;
  range: TimeRange;
  /** The filter as typed; an invalid one leaves the previous pattern in force. */
  patternText: string;
  patternError: string | undefined;
  levels: LogLevel[];
  hiddenServices: string[];
  /** Auto-scroll to the newest line; scrolling up turns it off. */
  following: boolean;
  /** matchedTotal when following was turned off: what came since is "new". */
  followMark: number;
  /** Sequence number where the view froze; lines keep arriving behind it. */
  pausedAt: number | undefined;
  /**
   * The JSON line shown pretty-printed beside the list. Held here, not looked up by sequence
   * number, so it stays readable after the ring buffer evicts it.
   */
  detail: LogEntry | undefined;
  /** Bumped (at most once a frame) whenever the buffer changed; components re-read it then. */
  version: number;
  buffer: LogBuffer;
}

interface LogsActions {
  open: (environment: string) => void;
  close: () => void;
  reload: () => void;
  setRange: (range: TimeRange) => void;
  setPattern: (text: string) => void;
  toggleLevel: (level: LogLevel) => void;
  toggleService: (service: string) => void;
  setFollowing: (following: boolean) => void;
  setPaused: (paused: boolean) => void;
  showDetail: (entry: LogEntry | undefined) => void;
}

export interface LogEntry {
  /** The line's absolute sequence number since the stream opened: a stable key. */
  seq: number;
  line: LogLine;
}

export type LogsStore = LogsState & LogsActions;

/** The rows the view shows: every matching line, or those that arrived before it was paused. */
export function shownCount(state: Pick<LogsState, 'buffer' | 'pausedAt'>): number {
  return state.pausedAt === undefined ? state.buffer.matchCount : state.buffer.countBefore(state.pausedAt);
}

export function createLogsStore(capacity = defaultCapacity) {
  // The compiled filter lives beside the store: a RegExp is not state React needs to see.
  let pattern: RegExp | undefined;
  let filter: LogFilter = { pattern, levels: new Set(logLevels), hiddenServices: new Set() };
  let unsubscribe: Unsubscribe | undefined;
  let updateScheduled = false;

  return create<LogsStore>()((set, get) => {
    const refilter = (changes: Partial<LogsState>) => {
      const next = { ...get(), ...changes };
      filter = { pattern, levels: new Set(next.levels), hiddenServices: new Set(next.hiddenServices) };
      next.buffer.refilter(filter);
      set({ ...changes, version: get().version + 1 });
    };

    const onEvent = (event: LogsEvent) => {
      if (event.type === 'notice') {
        set({ notices: { ...get().notices, [event.service]: event } });
        return;
      }
      // The buffer takes the lines at once (a cheap in-place append); React hears of them at most
      // once a frame, however many batches arrived in between.
      get().buffer.add(event.lines, filter);
      if (updateScheduled) return;
      updateScheduled = true;
      requestAnimationFrame(() => {
        updateScheduled = false;
        set({ version: get().version + 1 });
      });
    };

    const subscribe = () => {
      unsubscribe?.();
      const { environment, range } = get();
      if (!environment) return;
      const request: LogsRequest = {
        environment,
        services: [],
        follow: range.until === undefined,
        ...(range.since ? { since: range.since } : { tail: liveTail }),
        ...(range.until ? { until: range.until } : {}),
      };
      set({
        buffer: new LogBuffer(capacity),
        stream: { status: 'following' },
        notices: {},
        detail: undefined,
        pausedAt: undefined,
        following: true,
        followMark: 0,
        version: get().version + 1,
      });
      unsubscribe = clair.logs.follow(request, (message) => {
        if (message.type === 'event') onEvent(message.event);
        else set({ stream: message.error ? { status: 'failed', error: message.error } : { status: 'ended' } });
      });
    };

    const loadServices = async (environment: string) => {
      set({ services: { status: 'loading' } });
      try {
        const { services } = await clair.logs.services({ environment });
        if (get().environment === environment) set({ services: { status: 'ready', data: services } });
      } catch (error) {
        if (get().environment === environment) set({ services: failedState(error) });
      }
    };

    return {
      environment: undefined,
      services: { status: 'idle' },
      stream: { status: 'idle' },
      notices: {},
      range: { since: undefined, until: undefined },
      patternText: '',
      patternError: undefined,
      levels: [...logLevels],
      hiddenServices: [],
      following: true,
      followMark: 0,
      pausedAt: undefined,
      detail: undefined,
      version: 0,
      buffer: new LogBuffer(capacity),

      open: (environment) => {
        set({ environment });
        void loadServices(environment);
        subscribe();
      },
      close: () => {
        unsubscribe?.();
        unsubscribe = undefined;
        set({ stream: { status: 'idle' } });
      },
      reload: () => {
        const { environment } = get();
        if (!environment) return;
        void loadServices(environment);
        subscribe();
      },
      setRange: (range) => {
        set({ range });
        subscribe();
      },
      setPattern: (text) => {
        try {
          pattern = text === '' ? undefined : new RegExp(text, 'i');
        } catch (error) {
          set({ patternText: text, patternError: (error as Error).message });
          return;
        }
        refilter({ patternText: text, patternError: undefined });
      },
      toggleLevel: (level) => {
        const levels = get().levels;
        refilter({ levels: levels.includes(level) ? levels.filter((l) => l !== level) : [...levels, level] });
      },
      toggleService: (service) => {
        const hidden = get().hiddenServices;
        refilter({
          hiddenServices: hidden.includes(service) ? hidden.filter((s) => s !== service) : [...hidden, service],
        });
      },
      setFollowing: (following) => {
        if (following === get().following) return;
        set({ following, followMark: get().buffer.matchedTotal });
      },
      setPaused: (paused) => {
        set({ pausedAt: paused ? get().buffer.received : undefined, version: get().version + 1 });
      },
      showDetail: (detail) => set({ detail }),
    };
  });
}

export const useLogsStore = createLogsStore();
