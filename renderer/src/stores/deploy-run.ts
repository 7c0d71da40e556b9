import type { DeployEvent, ErrorData, ServiceFailure } from '../../../electron/contract';

export type ServiceState = 'waiting' | 'converged' | 'failed' | 'rolling-back' | 'rolled-back' | 'removed';

/** One service's row in the progress of a run. */
export interface ServiceRun {
  /** The swarm name, as the engine's events name it. */
  name: string;
  /** The template's key, as people know it. */
  key: string;
  running: number;
  desired: number;
  state: ServiceState;
  reason?: string;
  logs: string[];
  /** After a rollback: whether the previous spec runs again. */
  rollbackOk?: boolean;
  /** How long after the run's start the service converged, failed, or was back on its previous spec. */
  settledAfterMs?: number;
}

/** A deploy or a rollback from its first event to its result, kept after it ends. */
export interface DeployRun {
  kind: 'deploy' | 'rollback';
  environment: string;
  /** The revision a rollback returns to. */
  target?: number;
  status: 'starting' | 'running' | 'converged' | 'failed' | 'no-changes' | 'error';
  /** Epoch milliseconds, for the durations the screen shows. */
  startedAt: number;
  endedAt?: number;
  services: ServiceRun[];
  /** The journal's revision of this run, once recorded. */
  revision?: number;
  failures: ServiceFailure[];
  /** Why the run stopped, when it did not reach a result. */
  error?: string;
}

const finalStates: ReadonlySet<ServiceState> = new Set(['converged', 'failed', 'rolled-back', 'removed']);

export function startRun(kind: DeployRun['kind'], environment: string, now: number, target?: number): DeployRun {
  return {
    kind,
    environment,
    ...(target ? { target } : {}),
    status: 'starting',
    startedAt: now,
    services: [],
    failures: [],
  };
}

/** The run after one event of the engine, received at `now`. */
export function runWithEvent(run: DeployRun, event: DeployEvent, now: number): DeployRun {
  const settled = now - run.startedAt;
  switch (event.type) {
    case 'plan':
      return {
        ...run,
        status: 'running',
        services: event.plan.services
          .filter((service) => service.action !== 'unchanged')
          .map((service) => ({
            name: service.name,
            key: service.key,
            running: 0,
            desired: 0,
            state: 'waiting',
            logs: [],
          })),
      };
    case 'applied':
      return event.kind === 'service' && event.action === 'remove'
        ? withService(run, event.name, { state: 'removed' })
        : run;
    case 'progress':
      return withService(run, event.service, { running: event.running, desired: event.desired });
    case 'converged':
      return withService(run, event.service, { state: 'converged', settledAfterMs: settled });
    case 'failed':
      return withService(run, event.service, {
        state: 'failed',
        reason: event.reason,
        logs: event.logs,
        settledAfterMs: settled,
      });
    case 'rolling-back':
      return withService(run, event.service, { state: 'rolling-back' });
    case 'rolled-back':
      return withService(run, event.service, { state: 'rolled-back', rollbackOk: event.ok, settledAfterMs: settled });
    case 'result':
      return { ...run, status: event.result, revision: event.revision, failures: event.failures, endedAt: now };
  }
}

/**
 * The run once its stream ended. With a result (a failed run also ends in error), the result
 * says it all; without one, the error (or the lack of one) says why it stopped.
 */
export function runEnded(run: DeployRun, error: ErrorData | undefined, now: number): DeployRun {
  if (run.revision !== undefined) return run;
  return {
    ...run,
    status: 'error',
    endedAt: now,
    error:
      error?.message ?? 'The run stopped before it finished: look at the plan and the history for what was applied',
  };
}

export function isRunning(run: DeployRun | undefined): boolean {
  return run?.status === 'starting' || run?.status === 'running';
}

/** Services that reached their end, of all the run changes. */
export function runProgress(run: DeployRun): { done: number; total: number } {
  return { done: run.services.filter((service) => finalStates.has(service.state)).length, total: run.services.length };
}

function withService(run: DeployRun, name: string, change: Partial<ServiceRun>): DeployRun {
  const known = run.services.some((service) => service.name === name);
  const services = known
    ? run.services
    : [...run.services, { name, key: name, running: 0, desired: 0, state: 'waiting' as const, logs: [] }];
  return { ...run, services: services.map((service) => (service.name === name ? { ...service, ...change } : service)) };
}
