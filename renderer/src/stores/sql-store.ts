import { create } from 'zustand';

import type {
  DatabaseSource,
  ErrorData,
  ExplainPlan,
  ExportFormat,
  ExportSource,
  HistoryEntry,
  SqlColumn,
  SqlError,
  SqlRow,
  SqlRunEvent,
  TextOrigin,
  Unsubscribe,
} from '../../../electron/contract';
import { clair } from '../api/clair';
import { sourceKey } from './database-source';
import { failedState, type LoadState } from './load-state';

type Done = Extract<SqlRunEvent, { type: 'done' }>;

/** The run shown under the editor. `error` is PostgreSQL's (with a position); `failed` is anything else. */
export type RunState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; done: Done }
  | { status: 'error'; error: SqlError }
  | { status: 'failed'; error: ErrorData }
  | { status: 'cancelled' };

export type ExplainState =
  | { status: 'idle' }
  | { status: 'running'; analyze: boolean }
  | { status: 'ready'; plan: ExplainPlan }
  | { status: 'error'; error: SqlError }
  | { status: 'failed'; error: ErrorData };

export type ExportState =
  | { status: 'idle' }
  | { status: 'running'; path?: string; rows: number; bytes: number }
  | { status: 'done'; path: string; rows: number; bytes: number }
  | { status: 'failed'; error: ErrorData }
  | { status: 'cancelled' };

/** What the editor sent: the whole text, or the selection and where it starts. */
export interface SqlText {
  sql: string;
  origin: TextOrigin;
}

interface SqlState {
  /** The environment's database or a saved connection, as the Database screen opened it. */
  database: DatabaseSource | undefined;
  /** The editor's text, kept per database while the app runs. */
  text: string;
  texts: Record<string, string>;
  /** The last text that ran (the result's query: export it, explain it). */
  lastRun: SqlText | undefined;
  run: RunState;
  columns: SqlColumn[];
  rows: SqlRow[];
  explain: ExplainState;
  history: LoadState<HistoryEntry[]>;
  historySearch: string;
  exporting: ExportState;
  /** Where the main area looks: the result grid, the plan or the history. */
  view: 'result' | 'plan' | 'history';
}

interface SqlActions {
  open: (database: DatabaseSource) => void;
  setText: (text: string) => void;
  runSql: (text: SqlText) => void;
  cancel: () => void;
  explainSql: (text: SqlText, analyze: boolean) => void;
  loadHistory: (search?: string) => void;
  exportData: (source: ExportSource, format: ExportFormat, path: string) => void;
  cancelExport: () => void;
  setView: (view: SqlState['view']) => void;
}

export type SqlStore = SqlState & SqlActions;

/** A database's editor before anything ran: what opening another database starts from. */
const nothingRun = {
  lastRun: undefined,
  run: { status: 'idle' },
  columns: [],
  rows: [],
  explain: { status: 'idle' },
  history: { status: 'idle' },
  view: 'result',
} satisfies Partial<SqlState>;

export function createSqlStore() {
  let stopRun: Unsubscribe | undefined;
  let stopExplain: Unsubscribe | undefined;
  let stopExport: Unsubscribe | undefined;

  return create<SqlStore>()((set, get) => {
    const onRunEvent = (event: SqlRunEvent) => {
      switch (event.type) {
        case 'columns':
          // A run retried after a dropped connection starts its result again.
          set({ columns: event.columns, rows: [] });
          break;
        case 'rows':
          set({ rows: get().rows.concat(event.rows) });
          break;
        case 'done':
          set({ run: { status: 'done', done: event } });
          break;
        case 'error':
          set({ run: { status: 'error', error: event.error } });
          break;
      }
    };

    return {
      database: undefined,
      text: '',
      texts: {},
      ...nothingRun,
      historySearch: '',
      exporting: { status: 'idle' },

      open: (database) => {
        const { database: previous, text, texts } = get();
        if (previous && sourceKey(previous) === sourceKey(database)) return;
        stopRun?.();
        stopExplain?.();
        set({
          database,
          texts: previous ? { ...texts, [sourceKey(previous)]: text } : texts,
          text: texts[sourceKey(database)] ?? '',
          ...nothingRun,
        });
      },

      setText: (text) => set({ text }),

      runSql: (text) => {
        const { database } = get();
        if (!database) return;
        stopRun?.();
        set({ run: { status: 'running' }, columns: [], rows: [], lastRun: text, view: 'result' });
        stopRun = clair.sql.run({ ...database, ...text }, (message) => {
          if (message.type === 'event') onRunEvent(message.event);
          else {
            stopRun = undefined;
            if (message.error) set({ run: { status: 'failed', error: message.error } });
            // The history gains the run: refresh it if it is shown.
            if (get().history.status !== 'idle') get().loadHistory();
          }
        });
      },

      cancel: () => {
        // Unsubscribing is the cancel: the engine cancels the statement on the server.
        stopRun?.();
        stopRun = undefined;
        if (get().run.status === 'running') set({ run: { status: 'cancelled' } });
        stopExplain?.();
        stopExplain = undefined;
        if (get().explain.status === 'running') set({ explain: { status: 'idle' } });
      },

      explainSql: (text, analyze) => {
        const { database } = get();
        if (!database) return;
        stopExplain?.();
        set({ explain: { status: 'running', analyze }, view: 'plan' });
        stopExplain = clair.sql.explain({ ...database, ...text, analyze }, (message) => {
          if (message.type === 'event') {
            const result = message.event;
            set({
              explain:
                result.type === 'plan'
                  ? { status: 'ready', plan: result.plan }
                  : { status: 'error', error: result.error },
            });
          } else {
            stopExplain = undefined;
            if (message.error) set({ explain: { status: 'failed', error: message.error } });
          }
        });
      },

      loadHistory: (search = get().historySearch) => {
        const { database } = get();
        if (!database) return;
        set({ historySearch: search, history: { status: 'loading' } });
        clair.sql.history({ ...database, search }).then(
          ({ entries }) => {
            if (get().database === database) set({ history: { status: 'ready', data: entries } });
          },
          (error: unknown) => {
            if (get().database === database) set({ history: failedState(error) });
          },
        );
      },

      exportData: (source, format, path) => {
        const { database } = get();
        if (!database) return;
        stopExport?.();
        set({ exporting: { status: 'running', rows: 0, bytes: 0 } });
        stopExport = clair.sql.export({ ...database, source, format, path }, (message) => {
          if (message.type === 'end') {
            stopExport = undefined;
            if (message.error) set({ exporting: { status: 'failed', error: message.error } });
            return;
          }
          const event = message.event;
          const current = get().exporting;
          if (event.type === 'started') set({ exporting: { status: 'running', path: event.path, rows: 0, bytes: 0 } });
          else if (event.type === 'progress' && current.status === 'running')
            set({ exporting: { ...current, ...event, status: 'running' } });
          else if (event.type === 'done')
            set({ exporting: { status: 'done', path: event.path, rows: event.rows, bytes: event.bytes } });
        });
      },

      cancelExport: () => {
        stopExport?.();
        stopExport = undefined;
        if (get().exporting.status === 'running') set({ exporting: { status: 'cancelled' } });
      },

      setView: (view) => set({ view }),
    };
  });
}

export const useSqlStore = createSqlStore();
