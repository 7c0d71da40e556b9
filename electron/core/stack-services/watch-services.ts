import type Docker from 'dockerode';

import type { ServicesEvent, StackService } from '../../contract';
import { abortableDelay } from '../timing/abortable-delay';
import { type DockerEvent, subscribeToEvents } from './docker-events';
import { readNodes, readServices, SERVICE_ID_LABEL } from './read-services';
import { TRANSITIONAL } from './service-summary';

export interface WatchServicesOptions {
  stack: string;
  /** A client of the environment's engine, reached now; called again after the context dropped. */
  connect: () => Promise<Docker>;
  emit: (event: ServicesEvent) => void;
  signal: AbortSignal;
  /** How long a burst of events is collected before re-reading (a deploy sends dozens). */
  debounceMs?: number;
  /** Waits between reconnection attempts; the last one repeats. */
  retryDelaysMs?: readonly number[];
  /** Re-reads of a service whose tasks are still on their way to running, as they change silently. */
  settleDelaysMs?: readonly number[];
}

const DEFAULT_RETRY_DELAYS = [1000, 2000, 5000, 10_000];
// The swarm emits no event when a task goes from pending to preparing to running; a container
// start or a service update is followed by a few re-reads of that one service until it settles.
const DEFAULT_SETTLE_DELAYS = [250, 500, 1000, 2000, 4000, 8000];

/**
 * services:watch: a snapshot of the stack's services, tasks and nodes, then each change as the
 * engine's events announce it, re-reading only the services they name. When the events stream
 * breaks (the context dropped), says so, reconnects with back-off and sends a fresh snapshot.
 * Resolves when the subscriber leaves; rejects only when the engine cannot be reached at all.
 */
export async function watchServices(options: WatchServicesOptions): Promise<void> {
  const { signal, emit } = options;
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS;
  let connectedOnce = false;
  let failures = 0;
  while (!signal.aborted) {
    let reason: string;
    try {
      const session = await openSession(options);
      if (connectedOnce) emit({ type: 'connection', state: 'connected' });
      connectedOnce = true;
      failures = 0;
      reason = await session.ended;
      session.close();
    } catch (error) {
      if (!connectedOnce || signal.aborted) throw error;
      reason = (error as Error).message;
    }
    if (signal.aborted) return;
    const delay = retryDelays[Math.min(failures++, retryDelays.length - 1)] ?? 1000;
    emit({
      type: 'connection',
      state: 'reconnecting',
      reason: `Lost the docker engine (${reason}); trying again in ${Math.ceil(delay / 1000)} s. If this goes on, check the context on the Environments screen.`,
    });
    await abortableDelay(delay, signal);
  }
}

interface Session {
  ended: Promise<string>;
  close: () => void;
}

async function openSession(options: WatchServicesOptions): Promise<Session> {
  const { stack, emit, signal } = options;
  const debounceMs = options.debounceMs ?? 150;
  const settleDelays = options.settleDelaysMs ?? DEFAULT_SETTLE_DELAYS;
  const docker = await options.connect();
  const known = new Set<string>();
  const dirty = new Set<string>();
  const settling = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let nodesDirty = false;
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing = Promise.resolve();
  let fail: (reason: string) => void = () => undefined;
  const failed = new Promise<string>((resolve) => (fail = resolve));

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };
  const schedule = () => {
    if (flushTimer) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      flushing = flushing.then(flush).catch((error: unknown) => fail((error as Error).message));
    }, debounceMs);
  };
  const flush = async () => {
    if (signal.aborted) return;
    const ids = [...dirty];
    const nodes = nodesDirty;
    dirty.clear();
    nodesDirty = false;
    if (nodes) emit({ type: 'nodes', nodes: await readNodes(docker) });
    if (ids.length === 0) return;
    const services = await readServices(docker, stack, ids);
    for (const service of services) {
      known.add(service.id);
      emit({ type: 'service', service });
      settle(service);
    }
    for (const id of ids) {
      if (known.has(id) && !services.some((service) => service.id === id)) {
        known.delete(id);
        emit({ type: 'service-removed', id });
      }
    }
  };
  const settle = (service: StackService) => {
    const moving = service.tasks.some((task) => task.desiredState === 'running' && TRANSITIONAL.has(task.state));
    const attempt = settling.get(service.id) ?? 0;
    if (!moving || attempt >= settleDelays.length) {
      settling.delete(service.id);
      return;
    }
    settling.set(service.id, attempt + 1);
    later(settleDelays[attempt]!, () => {
      dirty.add(service.id);
      schedule();
    });
  };
  const onEvent = (event: DockerEvent) => {
    if (event.Type === 'node') nodesDirty = true;
    const id = event.Type === 'service' ? event.Actor.ID : event.Actor.Attributes?.[SERVICE_ID_LABEL];
    if (id) {
      dirty.add(id);
      // A fresh event restarts the settling re-reads of that service.
      settling.delete(id);
    }
    if (id || event.Type === 'node') schedule();
  };

  // Subscribe before the snapshot, so that nothing changing in between is missed.
  const events = await subscribeToEvents(docker, ['service', 'node', 'container'], onEvent);
  const close = () => {
    events.close();
    if (flushTimer) clearTimeout(flushTimer);
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
  try {
    const [services, nodes] = await Promise.all([readServices(docker, stack), readNodes(docker)]);
    for (const service of services) {
      known.add(service.id);
      settle(service);
    }
    emit({ type: 'snapshot', stack, services, nodes });
  } catch (error) {
    close();
    throw error;
  }
  // Resolves when the subscriber leaves; the listener goes with the connection, not with the stream.
  let leave = (): void => undefined;
  const aborted = new Promise<string>((resolve) => {
    leave = () => resolve('closed');
    signal.addEventListener('abort', leave, { once: true });
  });
  return {
    ended: Promise.race([events.ended, failed, aborted]),
    close: () => {
      signal.removeEventListener('abort', leave);
      close();
    },
  };
}
