import { z } from 'zod';

import { defineInvoke, defineStream } from '../define';

/** A container's healthcheck as docker reports it; `none` when the image declares no healthcheck. */
export const TaskHealth = z.enum(['healthy', 'unhealthy', 'starting', 'none']);
export type TaskHealth = z.infer<typeof TaskHealth>;

/** One task of a service: a container the swarm scheduled (or tried to) on a node. */
export const ServiceTask = z.object({
  id: z.string(),
  /** The replica's number for replicated services; global services have none. */
  slot: z.number().int().optional(),
  nodeId: z.string().optional(),
  /** The node's hostname when the node is known. */
  node: z.string().optional(),
  /** running, starting, failed, shutdown, rejected, … as the swarm names them. */
  state: z.string(),
  desiredState: z.string(),
  message: z.string(),
  /** The swarm's error, in its own words ("task: non-zero exit (1)"). */
  error: z.string().optional(),
  exitCode: z.number().int().optional(),
  health: TaskHealth,
  updatedAt: z.string(),
});
export type ServiceTask = z.infer<typeof ServiceTask>;

export const StackService = z.object({
  id: z.string(),
  /** The swarm name: `<stack>_<key>`. */
  name: z.string(),
  image: z.string(),
  mode: z.enum(['replicated', 'global']),
  /** Tasks running now against tasks wanted (replicas, or nodes for a global service). */
  replicas: z.object({ running: z.number().int(), desired: z.number().int() }),
  /** A rolling update in progress, paused or rolled back, with the swarm's message. */
  update: z.object({ state: z.string(), message: z.string() }).optional(),
  /** The worst health among the running tasks. */
  health: TaskHealth,
  /** Tasks of the current replicas that failed or were replaced, as far as the swarm keeps history. */
  restarts: z.number().int(),
  updatedAt: z.string(),
  /** Current tasks first, then the retained history, newest first. */
  tasks: z.array(ServiceTask),
});
export type StackService = z.infer<typeof StackService>;

export const SwarmNode = z.object({
  id: z.string(),
  hostname: z.string(),
  role: z.enum(['manager', 'worker']),
  /** active, pause or drain. */
  availability: z.string(),
  /** ready, down, unknown, disconnected. */
  state: z.string(),
  leader: z.boolean(),
});
export type SwarmNode = z.infer<typeof SwarmNode>;

/**
 * What services:watch sends: one snapshot, then only what changed. `connection` says when the
 * docker context dropped and the watch is reconnecting, and when it is back (a new snapshot
 * precedes `connected`).
 */
export const ServicesEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('snapshot'),
    stack: z.string(),
    services: z.array(StackService),
    nodes: z.array(SwarmNode),
  }),
  z.object({ type: z.literal('service'), service: StackService }),
  z.object({ type: z.literal('service-removed'), id: z.string() }),
  z.object({ type: z.literal('nodes'), nodes: z.array(SwarmNode) }),
  z.object({
    type: z.literal('connection'),
    state: z.enum(['reconnecting', 'connected']),
    /** Why the watch lost the engine, and what it is doing about it. */
    reason: z.string().optional(),
  }),
]);
export type ServicesEvent = z.infer<typeof ServicesEvent>;

export const ServicesRequest = z.object({ environment: z.string() });
/** `service` is the swarm name, `<stack>_<key>`, of a service of the environment's stack. */
export const ServiceRequest = ServicesRequest.extend({ service: z.string().min(1), confirm: z.string().optional() });

export const ScaleRequest = ServiceRequest.extend({ replicas: z.number().int().min(0).max(100) });

/** A service spec for reading; values of secret-like environment variables are masked. */
export const ServiceSpecText = z.object({ service: z.string(), format: z.literal('yaml'), text: z.string() });
export type ServiceSpecText = z.infer<typeof ServiceSpecText>;

export const servicesChannels = {
  /** The stack's services, tasks and nodes, live from the engine's events (no polling). */
  watch: defineStream('services:watch', ServicesRequest, ServicesEvent),
  scale: defineInvoke('services:scale', ScaleRequest, z.object({ service: z.string(), replicas: z.number().int() }), {
    title: 'Scaled a service',
  }),
  /** Replaces every task of the service, as `docker service update --force` does. */
  restart: defineInvoke('services:restart', ServiceRequest, z.object({ service: z.string() }), {
    title: 'Restarted a service',
  }),
  inspect: defineInvoke('services:inspect', ServiceRequest.omit({ confirm: true }), ServiceSpecText),
};
