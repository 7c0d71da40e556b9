import { create } from 'zustand';

import type {
  RecoveryPlan,
  RecoveryPreview,
  RecoveryProblem,
  RecoveryReport,
  RecoveryRunSummary,
  RecoverySeriesPoint,
  RecoverySource,
  Unsubscribe,
} from '../../../electron/contract';
import { clair } from '../api/clair';
import { useConfirmationStore } from './confirmation-store';
import { failedState, type LoadState } from './load-state';

export const recoverySteps = ['Application', 'Gaps', 'Fetch', 'Preview', 'Import', 'Report'] as const;
export type RecoveryStep = (typeof recoverySteps)[number];

export interface FetchProgress {
  status: 'running' | 'done' | 'failed';
  rangesDone: number;
  ranges: number;
  uplinks: number;
  problems: RecoveryProblem[];
  error?: string;
}

export interface ImportProgress {
  status: 'running' | 'cancelled' | 'done' | 'failed';
  done: number;
  total: number;
  inserted: number;
  error?: string;
}

interface RecoveryStore {
  environment: string | undefined;
  source: LoadState<RecoverySource>;
  /** Runs kept in the core's state folder; unfinished ones can be resumed. */
  runs: RecoveryRunSummary[];
  applicationId: string | undefined;
  /** 24 hours on TTN's community network, 30 days (720) on TTN Cloud. */
  retentionHours: number;
  step: RecoveryStep;
  runId: string | undefined;
  plan: LoadState<RecoveryPlan>;
  fetch: FetchProgress | undefined;
  preview: RecoveryPreview | undefined;
  chartNode: string | undefined;
  series: LoadState<RecoverySeriesPoint[]>;
  importing: ImportProgress | undefined;
  report: RecoveryReport | undefined;
  fixture: LoadState<{ path: string; records: number }>;
  load: (environment: string) => Promise<void>;
  chooseApplication: (applicationId: string) => void;
  setRetentionHours: (hours: number) => void;
  findGaps: () => Promise<void>;
  startFetch: () => void;
  cancelFetch: () => void;
  showSeries: (nodeId: string) => Promise<void>;
  startImport: () => void;
  cancelImport: () => void;
  /** Continues a run kept in the state folder at its import. */
  resume: (runId: string) => void;
  writeFixture: () => Promise<void>;
  /** Back to the first step. */
  restart: () => void;
}

const initialRun = {
  step: 'Application' as RecoveryStep,
  runId: undefined,
  plan: { status: 'idle' } as const,
  fetch: undefined,
  preview: undefined,
  chartNode: undefined,
  series: { status: 'idle' } as const,
  importing: undefined,
  report: undefined,
  fixture: { status: 'idle' } as const,
};

export const useRecoveryStore = create<RecoveryStore>()((set, get) => {
  let stopFetch: Unsubscribe | undefined;
  let stopImport: Unsubscribe | undefined;
  const message = (error: unknown) => failedState(error).message;

  const refreshRuns = async (environment: string) => {
    try {
      const runs = await clair.recovery.runs({ environment });
      if (get().environment === environment) set({ runs });
    } catch {
      // The list only offers resuming; without it the wizard still works from the start.
    }
  };

  const openImport = (environment: string, runId: string, confirm?: string): void => {
    stopImport?.();
    stopImport = clair.recovery.import({ environment, runId, ...(confirm ? { confirm } : {}) }, (streamed) => {
      if (streamed.type === 'event') {
        const event = streamed.event;
        if (event.type === 'progress') {
          set({ importing: { status: 'running', done: event.done, total: event.total, inserted: event.inserted } });
        } else {
          set({ report: event.report, step: 'Report' });
        }
        return;
      }
      stopImport = undefined;
      const error = streamed.error;
      if (error?.code === 'confirmation-required') {
        void useConfirmationStore
          .getState()
          .ask(environment, error.message)
          .then((typed) =>
            typed === undefined ? set({ importing: undefined }) : openImport(environment, runId, typed),
          );
        return;
      }
      set((state) => ({
        importing: state.importing && {
          ...state.importing,
          status: error ? 'failed' : state.report ? 'done' : state.importing.status,
          ...(error ? { error: error.message } : {}),
        },
      }));
      void refreshRuns(environment);
    });
  };

  return {
    environment: undefined,
    source: { status: 'idle' },
    runs: [],
    applicationId: undefined,
    retentionHours: 24,
    ...initialRun,

    load: async (environment) => {
      stopFetch?.();
      stopImport?.();
      set({ environment, source: { status: 'loading' }, runs: [], applicationId: undefined, ...initialRun });
      try {
        const source = await clair.recovery.source({ environment });
        if (get().environment !== environment) return;
        set({ source: { status: 'ready', data: source }, applicationId: source.applications[0]?.applicationId });
      } catch (error) {
        if (get().environment === environment) set({ source: failedState(error) });
      }
      await refreshRuns(environment);
    },

    chooseApplication: (applicationId) => set({ applicationId }),
    setRetentionHours: (retentionHours) => set({ retentionHours }),

    findGaps: async () => {
      const { environment, applicationId, retentionHours } = get();
      if (!environment || !applicationId) return;
      set({ ...initialRun, step: 'Gaps', plan: { status: 'loading' } });
      try {
        const plan = await clair.recovery.findGaps({ environment, applicationId, retentionHours });
        set({ plan: { status: 'ready', data: plan }, runId: plan.runId });
      } catch (error) {
        set({ plan: failedState(error) });
      }
    },

    startFetch: () => {
      const { environment, runId } = get();
      if (!environment || !runId) return;
      stopFetch?.();
      set({
        step: 'Fetch',
        preview: undefined,
        fetch: { status: 'running', rangesDone: 0, ranges: 0, uplinks: 0, problems: [] },
      });
      stopFetch = clair.recovery.fetch({ environment, runId }, (streamed) => {
        if (streamed.type === 'end') {
          stopFetch = undefined;
          set((state) => ({
            fetch: state.fetch && {
              ...state.fetch,
              status: streamed.error ? 'failed' : 'done',
              ...(streamed.error ? { error: streamed.error.message } : {}),
            },
          }));
          return;
        }
        const event = streamed.event;
        set((state) => {
          const fetch = state.fetch ?? { status: 'running', rangesDone: 0, ranges: 0, uplinks: 0, problems: [] };
          if (event.type === 'progress') return { fetch: { ...fetch, ...event, status: 'running' } };
          if (event.type === 'problem') return { fetch: { ...fetch, problems: [...fetch.problems, event.problem] } };
          return { preview: event.preview, fetch: { ...fetch, status: 'done' } };
        });
      });
    },

    cancelFetch: () => {
      stopFetch?.();
      stopFetch = undefined;
      set((state) => ({ fetch: state.fetch && { ...state.fetch, status: 'failed', error: 'Cancelled' } }));
    },

    showSeries: async (nodeId) => {
      const { environment, runId } = get();
      if (!environment || !runId) return;
      set({ chartNode: nodeId, series: { status: 'loading' } });
      try {
        const series = await clair.recovery.series({ environment, runId, nodeId });
        if (get().chartNode === nodeId) set({ series: { status: 'ready', data: series } });
      } catch (error) {
        if (get().chartNode === nodeId) set({ series: failedState(error) });
      }
    },

    startImport: () => {
      const { environment, runId } = get();
      if (!environment || !runId) return;
      set((state) => ({
        step: 'Import',
        report: undefined,
        importing: {
          status: 'running',
          done: state.importing?.done ?? 0,
          total: state.importing?.total ?? 0,
          inserted: 0,
        },
      }));
      openImport(environment, runId);
    },

    cancelImport: () => {
      stopImport?.();
      stopImport = undefined;
      set((state) => ({ importing: state.importing && { ...state.importing, status: 'cancelled' } }));
      const environment = get().environment;
      if (environment) void refreshRuns(environment);
    },

    resume: (runId) => {
      const run = get().runs.find((candidate) => candidate.runId === runId);
      set({
        ...initialRun,
        runId,
        applicationId: run?.applicationId ?? get().applicationId,
        importing: { status: 'running', done: run?.done ?? 0, total: run?.total ?? 0, inserted: 0 },
      });
      get().startImport();
    },

    writeFixture: async () => {
      const { environment, runId } = get();
      if (!environment || !runId) return;
      set({ fixture: { status: 'loading' } });
      try {
        set({ fixture: { status: 'ready', data: await clair.recovery.writeFixture({ environment, runId }) } });
      } catch (error) {
        set({ fixture: { status: 'failed', message: message(error) } });
      }
    },

    restart: () => {
      stopFetch?.();
      stopImport?.();
      set({ ...initialRun });
      const environment = get().environment;
      if (environment) void refreshRuns(environment);
    },
  };
});
