import type Docker from 'dockerode';

import { withoutEmpty } from '../plan/spec-fields';
import { readLiveService, type LiveService } from '../swarm/live-stack';
import { lastLogLines } from './task-logs';
import { taskFailureReason, type TaskStatus } from './task-reason';

interface Task {
  ID: string;
  CreatedAt: string;
  DesiredState: string;
  Spec: { ContainerSpec?: unknown };
  Status: TaskStatus;
}

export type ConvergeEvent =
  | { type: 'progress'; service: string; running: number; desired: number; update?: string }
  | { type: 'converged'; service: string }
  | { type: 'failed'; service: string; reason: string; logs: string[] }
  | { type: 'rolling-back'; service: string }
  | { type: 'rolled-back'; service: string; ok: boolean };

export interface ServiceOutcome {
  service: string;
  result: 'converged' | 'failed' | 'timeout';
  reason?: string;
  logs?: string[];
  /** True when the service is back on its previous spec and that converged. */
  rolledBack: boolean;
}

export interface ConvergeResult {
  ok: boolean;
  services: ServiceOutcome[];
}

export interface ConvergeOptions {
  docker: Docker;
  /** Swarm names of the services apply created or updated. */
  services: string[];
  /** Task failures before this moment (daemon clock, ISO) belong to earlier deploys and are ignored. */
  since?: string;
  timeoutMs?: number;
  pollMs?: number;
  /** Roll the failed services back to their previous spec (default true). */
  rollback?: boolean;
  onEvent?: (event: ConvergeEvent) => void;
}

type Check = { state: 'waiting' } | { state: 'converged' } | { state: 'failed'; reason: string; logs: string[] };

/**
 * Follows every task of the given services until each runs (healthy, where a healthcheck is
 * defined: swarm keeps a task "starting" until then) the current spec, or fails; the failed ones
 * are rolled back like `docker service rollback`.
 */
export async function converge(options: ConvergeOptions): Promise<ConvergeResult> {
  // Four looks a second: a converged stack is reported within a quarter second of it happening
  // (once a second made deploys measurably slower than `docker stack deploy`), at a few task
  // listings a second per service, which the daemon answers from memory.
  const { docker, timeoutMs = 120_000, pollMs = 250 } = options;
  const emit = (event: ConvergeEvent) => options.onEvent?.(event);
  const since = Date.parse(options.since ?? new Date(0).toISOString());
  const deadline = Date.now() + timeoutMs;
  const outcomes = new Map<string, ServiceOutcome>();
  const pending = new Set(options.services);
  const unscheduledSince = new Map<string, number>();

  while (pending.size > 0 && Date.now() < deadline) {
    for (const service of pending) {
      const check = await checkService(docker, service, since, unscheduledSince, emit);
      if (check.state === 'waiting') continue;
      pending.delete(service);
      if (check.state === 'converged') {
        emit({ type: 'converged', service });
        outcomes.set(service, { service, result: 'converged', rolledBack: false });
      } else {
        emit({ type: 'failed', service, reason: check.reason, logs: check.logs });
        outcomes.set(service, { service, result: 'failed', reason: check.reason, logs: check.logs, rolledBack: false });
      }
    }
    if (pending.size > 0) await sleep(pollMs);
  }
  for (const service of pending) {
    const reason = `not running after ${Math.round(timeoutMs / 1000)} s`;
    emit({ type: 'failed', service, reason, logs: [] });
    outcomes.set(service, { service, result: 'timeout', reason, rolledBack: false });
  }

  if (options.rollback ?? true) {
    for (const outcome of outcomes.values()) {
      if (outcome.result === 'converged') continue;
      emit({ type: 'rolling-back', service: outcome.service });
      outcome.rolledBack = await rollBack(docker, outcome.service, deadline + timeoutMs, pollMs);
      emit({ type: 'rolled-back', service: outcome.service, ok: outcome.rolledBack });
    }
  }
  const services = options.services.map((service) => outcomes.get(service)).filter((o) => o !== undefined);
  return { ok: services.every((outcome) => outcome.result === 'converged'), services };
}

async function checkService(
  docker: Docker,
  name: string,
  since: number,
  unscheduledSince: Map<string, number>,
  emit: (event: ConvergeEvent) => void,
): Promise<Check> {
  const service = await readLiveService(docker, name);
  const tasks = (await docker.listTasks({ filters: JSON.stringify({ service: [name] }) })) as Task[];
  const current = tasks.filter((task) => isCurrentSpec(task, service));
  const desired = desiredReplicas(service, tasks);
  const running = current.filter((task) => task.DesiredState === 'running' && task.Status.State === 'running').length;
  const update = service.updateStatus?.State;
  emit({ type: 'progress', service: name, running, desired, update });

  const failed = current.find(
    (task) =>
      Date.parse(task.CreatedAt) >= since &&
      (['failed', 'rejected'].includes(task.Status.State) || unschedulableTooLong(task, unscheduledSince)),
  );
  if (failed) {
    const details = await containerDetails(docker, failed.Status.ContainerStatus?.ContainerID);
    const reason = taskFailureReason(service.spec.TaskTemplate.ContainerSpec.Image, failed.Status, details);
    return { state: 'failed', reason, logs: await lastLogLines(docker, failed.ID) };
  }
  if (update === 'paused' || update?.startsWith('rollback')) {
    return { state: 'failed', reason: service.updateStatus?.Message ?? `update ${update}`, logs: [] };
  }
  return running >= desired && update !== 'updating' ? { state: 'converged' } : { state: 'waiting' };
}

/**
 * "No suitable node" is also what a stop-first update of a host-mode port says while the old task
 * still holds the port, so it only counts as a failure once it has lasted a while.
 */
const UNSCHEDULED_GRACE_MS = 30_000;

function unschedulableTooLong(task: Task, unscheduledSince: Map<string, number>): boolean {
  if (task.Status.State !== 'pending' || !/no suitable node/i.test(task.Status.Err ?? '')) return false;
  const first = unscheduledSince.get(task.ID) ?? Date.now();
  unscheduledSince.set(task.ID, first);
  return Date.now() - first > UNSCHEDULED_GRACE_MS;
}

/** A task runs the service's current spec when its container spec is the one in the service's task template. */
function isCurrentSpec(task: Task, service: LiveService): boolean {
  const comparable = (spec: unknown) => JSON.stringify(withoutEmpty(spec));
  return comparable(task.Spec.ContainerSpec) === comparable(service.spec.TaskTemplate.ContainerSpec);
}

function desiredReplicas(service: LiveService, tasks: Task[]): number {
  if ('Global' in service.spec.Mode)
    return new Set(tasks.filter((t) => t.DesiredState === 'running').map((t) => t.ID)).size;
  return service.spec.Mode.Replicated.Replicas ?? 1;
}

async function containerDetails(docker: Docker, containerId: string | undefined) {
  if (!containerId) return {};
  try {
    const { State } = await docker.getContainer(containerId).inspect();
    return { oomKilled: State.OOMKilled, healthOutput: State.Health?.Log?.at(-1)?.Output };
  } catch {
    // The container ran on another node, or is already gone: the task status has to do.
    return {};
  }
}

/**
 * `docker service rollback`: back to PreviousSpec, then wait until the swarm says it is done. A
 * rollback requested while the failed update is still starting tasks can itself be paused by
 * them, so it waits for the swarm to stop that update first.
 */
async function rollBack(docker: Docker, name: string, deadline: number, pollMs: number): Promise<boolean> {
  let service = await readLiveService(docker, name);
  if (!service.previousSpec) return false;
  while (service.updateStatus?.State === 'updating' && Date.now() < deadline) {
    await sleep(pollMs);
    service = await readLiveService(docker, name);
  }
  if (!service.updateStatus?.State?.startsWith('rollback')) {
    await docker.getService(service.id).update({
      _query: { version: service.version, rollback: 'previous' },
      _body: service.spec,
    });
  }
  while (Date.now() < deadline) {
    service = await readLiveService(docker, name);
    const state = service.updateStatus?.State;
    if (state === 'rollback_completed') return true;
    if (state === 'rollback_paused') return false;
    await sleep(pollMs);
  }
  return false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
