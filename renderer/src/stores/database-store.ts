import { create } from 'zustand';

import {
  ClairError,
  type DatabaseSource,
  type DatabaseStatus,
  type RelationDetails,
  type RelationNode,
  type RowFilter,
  type RowSort,
  type RowsPage,
  type SchemaNode,
  type StagedEdit,
  type Unsubscribe,
} from '../../../electron/contract';
import { clair } from '../api/clair';
import { withConfirmation } from './confirmation-store';
import { sourceKey, sourceName } from './database-source';
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
  /** The environment's database or a saved connection; undefined until one is chosen. */
  source: DatabaseSource | undefined;
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

  open: (source: DatabaseSource) => () => void;
  toggleSchema: (schema: string) => void;
  loadDetails: (schema: string, relation: string) => Promise<void>;
  openTable: (schema: string, relation: string, filters?: RowFilter[]) => void;
  activate: (tab: string) => void;
  closeTab: (tab: string) => void;
  sortBy: (tab: string, column: string) => void;
  setFilters: (tab: string, filters: RowFilter[]) => void;
  loadMore: (tab: string) => void;
  /** Stops waiting for a tab's page; PostgreSQL cancels the query. */
  cancelPage: (tab: string) => void;
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

  /** The page each tab waits for: leaving it cancels the query in PostgreSQL. */
  const pageStreams = new Map<string, Unsubscribe>();

  /** One page as a promise; undefined when the wait was cancelled. */
  const fetchPage = (id: string, request: Parameters<typeof clair.database.rows>[0]) =>
    new Promise<RowsPage | undefined>((resolve, reject) => {
      const stop = clair.database.rows(request, (message) => {
        if (message.type === 'event') return resolve(message.event);
        pageStreams.delete(id);
        if (message.error) reject(new ClairError(message.error));
        else resolve(undefined);
      });
      pageStreams.set(id, () => {
        pageStreams.delete(id);
        stop();
        resolve(undefined);
      });
    });

  /** Reads a page of a tab; `reset` starts again from the first (new sort or filters). */
  const readPage = async (id: string, reset: boolean) => {
    const source = get().source;
    const tab = get().tabs.find((t) => t.id === id);
    if (!source || !tab || tab.loading || (!reset && !tab.next)) return;
    updateTab(id, { loading: true, error: undefined, ...(reset ? { rows: [], next: undefined } : {}) });
    try {
      const page = await fetchPage(id, {
        ...source,
        schema: tab.schema,
        relation: tab.relation,
        filters: tab.filters,
        limit: pageSize,
        ...(tab.sort ? { sort: tab.sort } : {}),
        ...(!reset && tab.next ? { after: tab.next } : {}),
      });
      const current = get().tabs.find((t) => t.id === id);
      if (get().source !== source || !current || !page) return;
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

  const loadSchemas = async (source: DatabaseSource) => {
    try {
      const { schemas } = await clair.database.schemas(source);
      if (get().source === source) set({ schemas: { status: 'ready', data: schemas } });
    } catch (error) {
      if (get().source === source) set({ schemas: failedState(error) });
    }
  };

  const withSource = async (action: (source: DatabaseSource) => Promise<void>) => {
    const source = get().source;
    if (!source) return;
    try {
      await action(source);
    } catch (error) {
      set({ notice: { kind: 'failed', message: failedState(error).message } });
    }
  };

  return {
    source: undefined,
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

    open: (source) => {
      statusStream?.();
      statusStream = undefined;
      // Pages still coming belong to the old connection; the kept tabs read theirs again below.
      for (const stop of [...pageStreams.values()]) stop();
      const previous = get().source;
      const sameSource = previous !== undefined && sourceKey(previous) === sourceKey(source);
      set({
        source,
        connection: { status: 'loading' },
        schemas: { status: 'loading' },
        relations: {},
        details: {},
        notice: undefined,
        // Staged edits belong to one database; another's drops them.
        ...(sameSource
          ? { tabs: get().tabs.map((tab) => ({ ...tab, loading: false })) }
          : { tabs: [], activeTab: undefined, staged: [], preview: undefined }),
      });
      let left = false;
      void (async () => {
        try {
          const status = await withConfirmation(sourceName(source), (confirm) =>
            clair.database.connect({ ...source, confirm }),
          );
          if (left || get().source !== source) return;
          if (!status) {
            set({
              connection: { status: 'failed', message: 'Not connected: the environment’s name was not confirmed' },
            });
            return;
          }
          set({ connection: { status: 'ready', data: status } });
          statusStream = clair.database.status(source, (message) => {
            if (message.type === 'event') set({ connection: { status: 'ready', data: message.event } });
          });
          await loadSchemas(source);
          for (const tab of get().tabs) void readPage(tab.id, true);
        } catch (error) {
          if (!left && get().source === source) set({ connection: failedState(error), schemas: failedState(error) });
        }
      })();
      return () => {
        left = true;
        statusStream?.();
        statusStream = undefined;
      };
    },

    toggleSchema: (schema) => {
      const source = get().source;
      if (!source) return;
      const { [schema]: current, ...others } = get().relations;
      if (current) {
        set({ relations: others });
        return;
      }
      set({ relations: { ...others, [schema]: { status: 'loading' } } });
      void clair.database.relations({ ...source, schema }).then(
        ({ relations }) => set({ relations: { ...get().relations, [schema]: { status: 'ready', data: relations } } }),
        (error: unknown) => set({ relations: { ...get().relations, [schema]: failedState(error) } }),
      );
    },

    loadDetails: async (schema, relation) => {
      const source = get().source;
      const key = relationKey(schema, relation);
      if (!source || get().details[key]?.status === 'ready') return;
      set({ details: { ...get().details, [key]: { status: 'loading' } } });
      try {
        const details = await clair.database.relation({ ...source, schema, relation });
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
      pageStreams.get(id)?.();
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

    cancelPage: (id) => {
      pageStreams.get(id)?.();
      updateTab(id, { loading: false, error: 'Cancelled: the page was not read.' });
    },

    stage: (edit) => set({ staged: [...get().staged, edit], preview: undefined, notice: undefined }),
    unstage: (index) => set({ staged: get().staged.filter((_, i) => i !== index), preview: undefined }),
    discard: () => set({ staged: [], preview: undefined, notice: undefined }),

    showPreview: () =>
      withSource(async (source) => {
        set({ preview: { status: 'loading' } });
        try {
          const { statements } = await clair.database.previewEdits({ ...source, edits: get().staged });
          set({ preview: { status: 'ready', data: statements } });
        } catch (error) {
          set({ preview: failedState(error) });
        }
      }),

    commit: () =>
      withSource(async (source) => {
        set({ committing: true, notice: undefined });
        try {
          const edits = get().staged;
          const result = await withConfirmation(sourceName(source), (confirm) =>
            clair.database.commitEdits({ ...source, edits, confirm }),
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
      withSource(async (source) => {
        const status = await withConfirmation(sourceName(source), (confirm) =>
          clair.database.unlock({ ...source, minutes, confirm }),
        );
        if (status) set({ connection: { status: 'ready', data: status } });
      }),

    lock: () =>
      withSource(async (source) => {
        set({ connection: { status: 'ready', data: await clair.database.lock(source) } });
      }),
  };
});
