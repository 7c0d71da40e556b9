import { create } from 'zustand';

import {
  ClairError,
  type ContextConnection,
  type ContextEndpoint,
  type ContextSummary,
  type PresentedHostKey,
  type SaveContextRequest,
} from '../../../electron/contract';
import { clair } from '../api/clair';
import { failedState, type LoadState } from './load-state';

/** A context's connection as the screen shows it: being checked, or what the check found. */
export type ConnectionStatus = { state: 'checking' } | ContextConnection;

interface ContextsStore {
  contexts: LoadState<ContextSummary[]>;
  /** By context name; filled by check, one entry per context asked about. */
  connections: Record<string, ConnectionStatus>;
  load: () => Promise<void>;
  /** Checks each named context once, all in parallel; each shows "checking…" until its answer. */
  check: (names: readonly string[]) => Promise<void>;
  test: (endpoint: ContextEndpoint) => Promise<ContextConnection>;
  save: (request: SaveContextRequest) => Promise<void>;
  remove: (name: string) => Promise<void>;
  trust: (hostKey: PresentedHostKey) => Promise<void>;
}

export const useContextsStore = create<ContextsStore>()((set, get) => ({
  contexts: { status: 'idle' },
  connections: {},
  load: async () => {
    set({ contexts: { status: 'loading' } });
    try {
      set({ contexts: { status: 'ready', data: await clair.contexts.list() } });
    } catch (error) {
      set({ contexts: failedState(error) });
    }
  },
  check: async (names) => {
    const unique = [...new Set(names)];
    set((s) => ({
      connections: { ...s.connections, ...Object.fromEntries(unique.map((n) => [n, { state: 'checking' }])) },
    }));
    await Promise.all(
      unique.map(async (name) => {
        const connection = await clair.contexts.check({ name }).catch(asUnreachable);
        set((s) => ({ connections: { ...s.connections, [name]: connection } }));
      }),
    );
  },
  test: (endpoint) => clair.contexts.test({ endpoint }).catch(asUnreachable),
  save: async (request) => {
    await clair.contexts.save(request);
    await get().load();
    await get().check([request.name]);
  },
  remove: async (name) => {
    await clair.contexts.remove({ name });
    await get().load();
  },
  trust: ({ host, port, publicKey }) => clair.contexts.trustHostKey({ host, port, publicKey }),
}));

/** A refused check (no such context) reads like any other unreachable engine. */
function asUnreachable(error: unknown): ContextConnection {
  const message = error instanceof ClairError || error instanceof Error ? error.message : String(error);
  return { state: 'unreachable', failure: error instanceof ClairError ? error.code : 'error', message };
}
