import { create } from 'zustand';

import type {
  DatabaseStatus,
  RelationDetails,
  RelationNode,
  RowFilter,
  RowSort,
  RowsPage,
  SchemaNode,
  StagedEdit,
  Unsubscribe,
} from '../../../electron/contract';
import { clair } from '../api/clair';
import { withConfirmation } from './confirmation-store';
import { failedState, type LoadState } from './load-state';

/** Rows fetched per page: one screen and a half. */
const pageSize = 100;

/** A table open in a tab: its query and the rows read so far, page after page. */
export interface TableTab {
  id: string;
  schema: string;
  relation: string;
  sort: RowSort | undefined;
  filters: RowFilter[];
  columns: RowsPage['columns'];
  rows: RowsPage['rows'];
  keyColumns: string[];
  estimatedRows: number | null;
  next: RowsPage['next'];
  loading: boolean;
  error: string | undefined;
}

interface DatabaseStore {
  environment: string | undefined;
  connection: LoadState<DatabaseStatus>;
  schemas: LoadState<SchemaNode[]>;
  relations: Record<string, LoadState<RelationNode[]>>;
  details: Record<string, LoadState<RelationDetails>>;
  tabs: TableTab[];
  /** A table tab's id, or 'sql' for the SQL editor's tab. */
  activeTab: string | undefined;
  /** Kept across reconnections and tab switches until committed or discarded. */
  staged: StagedEdit[];
  preview: LoadState<string[]> | undefined;
  committing: boolean;
  notice: { kind: 'done' | 'failed'; message: string } | undefined;

  open: (environment: string) => () => void;
  toggleSchema: (schema: string) => void;
  loadDetails: (schema: string, relation: string) => Promise<void>;
  openTable: (schema: string, relation: string, filters?: RowFilter[]) => void;
  activate: (tab: string) => void;
  closeTab: (tab: string) => void;
  sortBy: (tab: string, column: string) => void;
  setFilters: (tab: string, filters: RowFilter[]) => void;
  loadMore: (tab: string) => void;
  stage: (edit: StagedEdit) => void;
  unstage: (index: number) => void;
  discard: () => void;
  showPreview: () => Promise<void>;
  commit: () => Promise<void>;
  unlock: (minutes: number) => Promise<void>;
  lock: () => Promise<void>;
}

const relationKey = (schema: string, relation: string) => `${schema}.${relation}`;

export const useDatabaseStore = create<DatabaseStore>()((set, get) => {
  let statusStream: Unsubscribe | undefined;

  const updateTab = (id: string, change: Partial<TableTab>) =>
    set({ tabs: get().tabs.map((tab) => (tab.id === id ? { ...tab, ...change } : tab)) });

  /** Reads a page of a tab; `reset` starts again from the first (new sort or filters). */
  const readPage = async (id: string, reset: boolean) => {
    const environment = get().environment;
    const tab = get().tabs.find((t) => t.id === id);
    if (!environment || !tab || tab.loading || (!reset && !tab.next)) return;
    updateTab(id, { loading: true, error: undefined, ...(reset ? { rows: [], next: undefined } : {}) });
    try {
      const page = await clair.database.rows({
        environment,
        schema: tab.schema,
        relation: tab.relation,
        filters: tab.filters,
        limit: pageSize,
        ...(tab.sort ? { sort: tab.sort } : {}),
        ...(!reset && tab.next ? { after: tab.next } : {}),
      });
      const current = get().tabs.find((t) => t.id === id);
      if (get().environment !== environment || !current) return;
      updateTab(id, {
        loading: false,
        columns: page.columns,
        rows: reset ? page.rows : [...current.rows, ...page.rows],
        keyColumns: page.keyColumns,
        estimatedRows: page.estimatedRows,
        next: page.next,
      });
    } catch (error) {
      updateTab(id, { loading: false, error: failedState(error).message });
    }
  };

  const loadSchemas = async (environment: string) => {
    try {
      const { schemas } = await clair.database.schemas({ environment });
      if (get().environment === environment) set({ schemas: { status: 'ready', data: schemas } });
    } catch (error) {
      if (get().environment === environment) set({ schemas: failedState(error) });
    }
  };

  const withEnvironment = async (action: (environment: string) => Promise<void>) => {
    const environment = get().environment;
    if (!environment) return;
    try {
      await action(environment);
    } catch (error) {
      set({ notice: { kind: 'failed', message: failedState(error).message } });
    }
  };

  return {
    environment: undefined,
    connection: { status: 'idle' },
    schemas: { status: 'idle' },
    relations: {},
    details: {},
    tabs: [],
    activeTab: undefined,
    staged: [],
    preview: undefined,
    committing: false,
    notice: undefined,

    open: (environment) => {
      statusStream?.();
      statusStream = undefined;
      const sameEnvironment = get().environment === environment;
      set({
        environment,
        connection: { status: 'loading' },
        schemas: { status: 'loading' },
        relations: {},
        details: {},
        notice: undefined,
        // Staged edits belong to one environment's database; another's drops them.
        ...(sameEnvironment ? {} : { tabs: [], activeTab: undefined, staged: [], preview: undefined }),
      });
      let left = false;
      void (async () => {
        try {
          const status = await withConfirmation(environment, (confirm) =>
            clair.database.connect({ environment, confirm }),
          );
          if (left || get().environment !== environment) return;
          if (!status) {
            set({
              connection: { status: 'failed', message: 'Not connected: the environment’s name was not confirmed' },
            });
            return;
          }
          set({ connection: { status: 'ready', data: status } });
          statusStream = clair.database.status({ environment }, (message) => {
            if (message.type === 'event') set({ connection: { status: 'ready', data: message.event } });
          });
          await loadSchemas(environment);
          for (const tab of get().tabs) void readPage(tab.id, true);
        } catch (error) {
          if (!left && get().environment === environment)
            set({ connection: failedState(error), schemas: failedState(error) });
        }
      })();
      return () => {
        left = true;
        statusStream?.();
        statusStream = undefined;
      };
    },

    toggleSchema: (schema) => {
      const environment = get().environment;
      if (!environment) return;
      const { [schema]: current, ...others } = get().relations;
      if (current) {
        set({ relations: others });
        return;
      }
      set({ relations: { ...others, [schema]: { status: 'loading' } } });
      void clair.database.relations({ environment, schema }).then(
        ({ relations }) => set({ relations: { ...get().relations, [schema]: { status: 'ready', data: relations } } }),
        (error: unknown) => set({ relations: { ...get().relations, [schema]: failedState(error) } }),
      );
    },

    loadDetails: async (schema, relation) => {
      const environment = get().environment;
      const key = relationKey(schema, relation);
      if (!environment || get().details[key]?.status === 'ready') return;
      set({ details: { ...get().details, [key]: { status: 'loading' } } });
      try {
        const details = await clair.database.relation({ environment, schema, relation });
        set({ details: { ...get().details, [key]: { status: 'ready', data: details } } });
      } catch (error) {
        set({ details: { ...get().details, [key]: failedState(error) } });
      }
    },

    openTable: (schema, relation, filters = []) => {
      const id = `${relationKey(schema, relation)}${filters.length > 0 ? ` ${JSON.stringify(filters)}` : ''}`;
      if (!get().tabs.some((tab) => tab.id === id)) {
        const tab: TableTab = {
          id,
          schema,
          relation,
          sort: undefined,
          filters,
          columns: [],
          rows: [],
          keyColumns: [],
          estimatedRows: null,
          next: undefined,
          loading: false,
          error: undefined,
        };
        set({ tabs: [...get().tabs, tab] });
        void readPage(id, true);
        void get().loadDetails(schema, relation);
      }
      set({ activeTab: id });
    },

    activate: (tab) => set({ activeTab: tab }),

    closeTab: (id) => {
      const tabs = get().tabs.filter((tab) => tab.id !== id);
      set({ tabs, activeTab: get().activeTab === id ? tabs.at(-1)?.id : get().activeTab });
    },

    sortBy: (id, column) => {
      const tab = get().tabs.find((t) => t.id === id);
      if (!tab) return;
      const sort: RowSort | undefined =
        tab.sort?.column !== column
          ? { column, direction: 'asc' }
          : tab.sort.direction === 'asc'
            ? { column, direction: 'desc' }
            : undefined;
      updateTab(id, { sort });
      void readPage(id, true);
    },

    setFilters: (id, filters) => {
      updateTab(id, { filters });
      void readPage(id, true);
    },

    loadMore: (id) => void readPage(id, false),

    stage: (edit) => set({ staged: [...get().staged, edit], preview: undefined, notice: undefined }),
    unstage: (index) => set({ staged: get().staged.filter((_, i) => i !== index), preview: undefined }),
    discard: () => set({ staged: [], preview: undefined, notice: undefined }),

    showPreview: () =>
      withEnvironment(async (environment) => {
        set({ preview: { status: 'loading' } });
        try {
          const { statements } = await clair.database.previewEdits({ environment, edits: get().staged });
          set({ preview: { status: 'ready', data: statements } });
        } catch (error) {
          set({ preview: failedState(error) });
        }
      }),

    commit: () =>
      withEnvironment(async (environment) => {
        set({ committing: true, notice: undefined });
        try {
          const edits = get().staged;
          const result = await withConfirmation(environment, (confirm) =>
            clair.database.commitEdits({ environment, edits, confirm }),
          );
          if (!result) return;
          // Edits staged while the commit ran stay staged.
          set({
            staged: get().staged.filter((edit) => !edits.includes(edit)),
            preview: undefined,
            notice: {
              kind: 'done',
              message: `Committed in one transaction: ${result.rowsAffected} row${result.rowsAffected === 1 ? '' : 's'} changed.`,
            },
          });
          const changed = new Set(edits.map((edit) => relationKey(edit.schema, edit.relation)));
          for (const tab of get().tabs) {
            if (changed.has(relationKey(tab.schema, tab.relation))) void readPage(tab.id, true);
          }
        } finally {
          set({ committing: false });
        }
      }),

    unlock: (minutes) =>
      withEnvironment(async (environment) => {
        const status = await withConfirmation(environment, (confirm) =>
          clair.database.unlock({ environment, minutes, confirm }),
        );
        if (status) set({ connection: { status: 'ready', data: status } });
      }),

    lock: () =>
      withEnvironment(async (environment) => {
        set({ connection: { status: 'ready', data: await clair.database.lock({ environment }) } });
      }),
  };
});
