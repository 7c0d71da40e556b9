import type { ServiceTask, StackService, SwarmNode, TaskHealth } from '../../contract';

/** The parts of the Engine API's Task that the Services screen shows. */
export interface TaskInfo {
  ID: string;
  ServiceID: string;
  Slot?: number;
  NodeID?: string;
  DesiredState: string;
  UpdatedAt: string;
  Status: {
    State: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string; ExitCode?: number };
  };
}

export interface ServiceInfo {
  ID: string;
  UpdatedAt: string;
  Spec: {
    Name: string;
    Labels?: Record<string, string>;
    TaskTemplate: { ContainerSpec: { Image: string } };
    Mode: { Replicated?: { Replicas?: number }; Global?: object };
  };
  UpdateStatus?: { State?: string; Message?: string };
}

export interface NodeInfo {
  ID: string;
  Description?: { Hostname?: string };
  Spec: { Role?: string; Availability?: string };
  Status: { State?: string };
  ManagerStatus?: { Leader?: boolean };
}

/** Desired states of a task that is (or is becoming) one of the service's current replicas. */
const CURRENT = new Set(['running', 'ready', 'accepted']);
/** Task states on the way to running: the swarm sends no event when a task moves between them. */
export const TRANSITIONAL = new Set(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting']);
const healthRank: Record<TaskHealth, number> = { unhealthy: 3, starting: 2, healthy: 1, none: 0 };

/** The image without the digest the swarm pins to it, as people wrote it. */
function imageName(image: string): string {
  return image.split('@')[0] ?? image;
}

/**
 * One service as the Services screen shows it. `health` maps task IDs to the health of their
 * containers (docker reports health per container, not per task); `activeNodes` counts the nodes
 * a global service should run on.
 */
export function summarizeService(
  service: ServiceInfo,
  tasks: TaskInfo[],
  nodes: Map<string, string>,
  health: Map<string, TaskHealth>,
  activeNodes: number,
): StackService {
  const replicated = service.Spec.Mode.Global === undefined;
  const desired = replicated ? (service.Spec.Mode.Replicated?.Replicas ?? 1) : activeNodes;
  const current = tasks.filter((task) => CURRENT.has(task.DesiredState));
  const running = current.filter((task) => task.Status.State === 'running');
  const worst = running
    .map((task) => health.get(task.ID) ?? 'none')
    .reduce<TaskHealth>((a, b) => (healthRank[b] > healthRank[a] ? b : a), 'none');
  // A scale-down shuts tasks down too; only history of slots still wanted counts as a restart.
  const restarts = tasks.filter(
    (task) => !CURRENT.has(task.DesiredState) && (!replicated || (task.Slot ?? 0) <= desired),
  ).length;
  const history = tasks.filter((task) => !CURRENT.has(task.DesiredState));
  const sorted = [
    ...current.sort((a, b) => (a.Slot ?? 0) - (b.Slot ?? 0)),
    ...history.sort((a, b) => b.UpdatedAt.localeCompare(a.UpdatedAt)),
  ];
  const update = service.UpdateStatus?.State
    ? { update: { state: service.UpdateStatus.State, message: service.UpdateStatus.Message ?? '' } }
    : {};
  return {
    id: service.ID,
    name: service.Spec.Name,
    image: imageName(service.Spec.TaskTemplate.ContainerSpec.Image),
    mode: replicated ? 'replicated' : 'global',
    replicas: { running: running.length, desired },
    ...update,
    health: worst,
    restarts,
    updatedAt: service.UpdatedAt,
    tasks: sorted.map((task) => summarizeTask(task, nodes, health)),
  };
}

function summarizeTask(task: TaskInfo, nodes: Map<string, string>, health: Map<string, TaskHealth>): ServiceTask {
  const node = task.NodeID ? nodes.get(task.NodeID) : undefined;
  const exitCode = task.Status.ContainerStatus?.ExitCode;
  return {
    id: task.ID,
    ...(task.Slot !== undefined ? { slot: task.Slot } : {}),
    ...(task.NodeID ? { nodeId: task.NodeID } : {}),
    ...(node ? { node } : {}),
    state: task.Status.State,
    desiredState: task.DesiredState,
    message: task.Status.Message ?? '',
    ...(task.Status.Err ? { error: task.Status.Err } : {}),
    ...(exitCode !== undefined && task.Status.State !== 'running' ? { exitCode } : {}),
    health: task.Status.State === 'running' ? (health.get(task.ID) ?? 'none') : 'none',
    updatedAt: task.UpdatedAt,
  };
}

export function summarizeNode(node: NodeInfo): SwarmNode {
  return {
    id: node.ID,
    hostname: node.Description?.Hostname ?? node.ID.slice(0, 12),
    role: node.Spec.Role === 'manager' ? 'manager' : 'worker',
    availability: node.Spec.Availability ?? 'active',
    state: node.Status.State ?? 'unknown',
    leader: node.ManagerStatus?.Leader === true,
  };
}

/** Docker's container status line ends with the health: "Up 3 minutes (healthy)". */
export function healthFromStatus(status: string): TaskHealth {
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  if (/\(healthy\)/.test(status)) return 'healthy';
  return 'none';
}
