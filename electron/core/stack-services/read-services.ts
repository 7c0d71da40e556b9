import type Docker from 'dockerode';

import type { StackService, SwarmNode, TaskHealth } from '../../contract';
import { NAMESPACE_LABEL, namespaceFilter } from '../stack/swarm/names';
import {
  healthFromStatus,
  type NodeInfo,
  type ServiceInfo,
  summarizeNode,
  summarizeService,
  type TaskInfo,
} from './service-summary';

/** The label swarm puts on every task's container. */
export const TASK_ID_LABEL = 'com.docker.swarm.task.id';
export const SERVICE_ID_LABEL = 'com.docker.swarm.service.id';

export async function readNodes(docker: Docker): Promise<SwarmNode[]> {
  const nodes = (await docker.listNodes()) as NodeInfo[];
  return nodes.map(summarizeNode).sort((a, b) => a.hostname.localeCompare(b.hostname));
}

/**
 * The given services of the stack (all of them when `ids` is absent) with their tasks; a service
 * asked for by ID that is gone, or not of this stack, is left out.
 */
export async function readServices(docker: Docker, stack: string, ids?: string[]): Promise<StackService[]> {
  const services = ((await docker.listServices({ filters: namespaceFilter(stack) })) as ServiceInfo[]).filter(
    (service) => !ids || ids.includes(service.ID),
  );
  if (services.length === 0) return [];
  const serviceIds = services.map((service) => service.ID);
  const [tasks, nodes, health] = await Promise.all([
    docker.listTasks({ filters: JSON.stringify({ service: serviceIds }) }) as Promise<TaskInfo[]>,
    docker.listNodes() as Promise<NodeInfo[]>,
    containerHealth(docker, serviceIds),
  ]);
  const hostnames = new Map(nodes.map((node) => [node.ID, summarizeNode(node).hostname]));
  const activeNodes = nodes.filter((node) => node.Status.State === 'ready' && node.Spec.Availability === 'active');
  return services
    .filter((service) => service.Spec.Labels?.[NAMESPACE_LABEL] === stack)
    .map((service) =>
      summarizeService(
        service,
        tasks.filter((task) => task.ServiceID === service.ID),
        hostnames,
        health,
        activeNodes.length,
      ),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The health of each task's container, by task ID. Only containers on the engine the context
 * reaches are visible; tasks on other nodes show no health.
 */
async function containerHealth(docker: Docker, serviceIds: string[]): Promise<Map<string, TaskHealth>> {
  const containers = await docker.listContainers({
    filters: JSON.stringify({ label: [SERVICE_ID_LABEL] }),
  });
  const health = new Map<string, TaskHealth>();
  for (const container of containers) {
    const task = container.Labels[TASK_ID_LABEL];
    if (task && serviceIds.includes(container.Labels[SERVICE_ID_LABEL] ?? '')) {
      health.set(task, healthFromStatus(container.Status));
    }
  }
  return health;
}
