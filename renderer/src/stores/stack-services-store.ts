import { create } from 'zustand';

import type { ServicesEvent, ServiceSpecText, StackService, SwarmNode, Unsubscribe } from '../../../electron/contract';
import { clair } from '../api/clair';
import { withConfirmation } from './confirmation-store';
import { failedState, type LoadState } from './load-state';

/** How the live view stands: waiting for the snapshot, live, reconnecting after a drop, or stopped. */
export type WatchStatus =
  | { status: 'idle' | 'connecting' | 'live' | 'ended' }
  | { status: 'reconnecting'; reason: string }
  | { status: 'failed'; message: string };

export interface LiveServices {
  stack: string | undefined;
  services: StackService[];
  nodes: SwarmNode[];
}

interface ServicesState extends LiveServices {
  environment: string | undefined;
  watch: WatchStatus;
  /** Services whose tasks are shown, by id. */
  expanded: ReadonlySet<string>;
  /** Actions in flight, by service name, so their buttons wait. */
  busy: Readonly<Record<string, 'scaling' | 'restarting'>>;
  /** The last action's failure, in the engine's words with the next step. */
  actionError: string | undefined;
  /** The spec in the side panel. */
  spec: { service: string; state: LoadState<ServiceSpecText> } | undefined;
}

interface ServicesActions {
  open: (environment: string) => void;
  close: () => void;
  reload: () => void;
  toggle: (serviceId: string) => void;
  scale: (service: string, replicas: number) => Promise<void>;
  restart: (service: string) => Promise<void>;
  inspect: (service: string) => Promise<void>;
  closeSpec: () => void;
  dismissError: () => void;
}

export type ServicesStore = ServicesState & ServicesActions;

/** The live view after one event of services:watch: a snapshot replaces, the rest patch. */
export function applyServicesEvent(live: LiveServices, event: ServicesEvent): LiveServices {
  switch (event.type) {
    case 'snapshot':
      return { stack: event.stack, services: event.services, nodes: event.nodes };
    case 'service': {
      const others = live.services.filter((service) => service.id !== event.service.id);
      return { ...live, services: [...others, event.service].sort((a, b) => a.name.localeCompare(b.name)) };
    }
    case 'service-removed':
      return { ...live, services: live.services.filter((service) => service.id !== event.id) };
    case 'nodes':
      return { ...live, nodes: event.nodes };
    case 'connection':
      return live;
  }
}

const empty: LiveServices = { stack: undefined, services: [], nodes: [] };

export const useServicesStore = create<ServicesStore>()((set, get) => {
  let unsubscribe: Unsubscribe | undefined;

  const subscribe = () => {
    unsubscribe?.();
    const { environment } = get();
    if (!environment) return;
    set({ ...empty, watch: { status: 'connecting' }, actionError: undefined });
    unsubscribe = clair.services.watch({ environment }, (message) => {
      if (message.type === 'end') {
        set({ watch: message.error ? { status: 'failed', message: message.error.message } : { status: 'ended' } });
        return;
      }
      const event = message.event;
      const watch: WatchStatus =
        event.type === 'connection' && event.state === 'reconnecting'
          ? { status: 'reconnecting', reason: event.reason ?? 'The connection to the engine dropped' }
          : event.type === 'snapshot' || event.type === 'connection'
            ? { status: 'live' }
            : get().watch;
      set({ ...applyServicesEvent(get(), event), watch });
    });
  };

  /** Runs a guarded action on one service; its failure lands in actionError, in words. */
  const act = async (
    service: string,
    kind: 'scaling' | 'restarting',
    call: (confirm: string | undefined) => Promise<unknown>,
  ) => {
    const environment = get().environment;
    if (!environment) return;
    set({ busy: { ...get().busy, [service]: kind }, actionError: undefined });
    try {
      await withConfirmation(environment, call);
    } catch (error) {
      set({ actionError: failedState(error).message });
    } finally {
      const busy = { ...get().busy };
      delete busy[service];
      set({ busy });
    }
  };

  return {
    ...empty,
    environment: undefined,
    watch: { status: 'idle' },
    expanded: new Set(),
    busy: {},
    actionError: undefined,
    spec: undefined,
    open: (environment) => {
      set({ environment, expanded: new Set(), spec: undefined });
      subscribe();
    },
    close: () => {
      unsubscribe?.();
      unsubscribe = undefined;
      set({ watch: { status: 'idle' } });
    },
    reload: subscribe,
    toggle: (serviceId) => {
      const expanded = new Set(get().expanded);
      if (!expanded.delete(serviceId)) expanded.add(serviceId);
      set({ expanded });
    },
    scale: (service, replicas) =>
      act(service, 'scaling', (confirm) =>
        clair.services.scale({ environment: get().environment ?? '', service, replicas, confirm }),
      ),
    restart: (service) =>
      act(service, 'restarting', (confirm) =>
        clair.services.restart({ environment: get().environment ?? '', service, confirm }),
      ),
    inspect: async (service) => {
      const environment = get().environment;
      if (!environment) return;
      set({ spec: { service, state: { status: 'loading' } } });
      try {
        const text = await clair.services.inspect({ environment, service });
        if (get().spec?.service === service) set({ spec: { service, state: { status: 'ready', data: text } } });
      } catch (error) {
        if (get().spec?.service === service) set({ spec: { service, state: failedState(error) } });
      }
    },
    closeSpec: () => set({ spec: undefined }),
    dismissError: () => set({ actionError: undefined }),
  };
});
