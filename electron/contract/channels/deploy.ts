import { z } from 'zod';

import { defineInvoke, defineStream } from '../define';
import { EnvironmentProblem } from './environments';

// ---- The plan (the engine's plan/ makes it; it lives here so the renderer can read it too) ----

/** One field of a service spec that differs; values are JSON, secrets appear only as content-hashed names. */
export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type FieldChange = z.infer<typeof FieldChange>;

export const ServicePlan = z.object({
  /** The template's key, or the swarm name for a service that is only live. */
  key: z.string(),
  name: z.string(),
  action: z.enum(['create', 'update', 'remove', 'unchanged']),
  changes: z.array(FieldChange),
  /** True when the change replaces the service's tasks (anything in the task template or its ports). */
  restarts: z.boolean(),
});
export type ServicePlan = z.infer<typeof ServicePlan>;

export const ObjectPlan = z.object({
  name: z.string(),
  action: z.enum(['create', 'remove']),
  /** Stack volumes are created by the swarm when a task first mounts them; external ones by apply. */
  by: z.enum(['apply', 'swarm']).default('apply'),
});
export type ObjectPlan = z.infer<typeof ObjectPlan>;

/** What a deploy would change on the swarm; the UI and CLI render it, apply checks it is still current. */
export const Plan = z.object({
  stack: z.string(),
  services: z.array(ServicePlan),
  secrets: z.array(ObjectPlan),
  configs: z.array(ObjectPlan),
  networks: z.array(ObjectPlan),
  volumes: z.array(ObjectPlan),
  noChanges: z.boolean(),
});
export type Plan = z.infer<typeof Plan>;

// ---- What the Deploy screen asks and receives ----

/**
 * The plan of an environment, or, when it cannot deploy, only its problems. Values of secret-like
 * environment variables are replaced by "<secret>"; the fingerprint covers the real plan, so an
 * apply can refuse when the stack changed since the user saw it.
 */
export const DeployPlan = z.object({
  environment: z.string(),
  stack: z.string(),
  plan: Plan.optional(),
  fingerprint: z.string().optional(),
  /** The env file's and templates' problems, with file and line; errors leave no plan. */
  problems: z.array(EnvironmentProblem),
});
export type DeployPlan = z.infer<typeof DeployPlan>;

export const ServiceFailure = z.object({
  service: z.string(),
  reason: z.string(),
  /** The failed task's last log lines, when it wrote any. */
  logs: z.array(z.string()),
  rolledBack: z.boolean(),
});
export type ServiceFailure = z.infer<typeof ServiceFailure>;

/** How one run (deploy or rollback) moves, event by event, ending with its result. */
export const DeployEvent = z.discriminatedUnion('type', [
  /** First: what this run changes, so each service gets its row before it moves. */
  z.object({ type: z.literal('plan'), plan: Plan }),
  z.object({
    type: z.literal('applied'),
    kind: z.enum(['volume', 'secret', 'config', 'network', 'service']),
    name: z.string(),
    action: z.enum(['create', 'update', 'remove']),
  }),
  z.object({
    type: z.literal('progress'),
    service: z.string(),
    running: z.number().int().nonnegative(),
    desired: z.number().int().nonnegative(),
    update: z.string().optional(),
  }),
  z.object({ type: z.literal('converged'), service: z.string() }),
  z.object({ type: z.literal('failed'), service: z.string(), reason: z.string(), logs: z.array(z.string()) }),
  z.object({ type: z.literal('rolling-back'), service: z.string() }),
  z.object({ type: z.literal('rolled-back'), service: z.string(), ok: z.boolean() }),
  /** Last: recorded in the journal as this revision. */
  z.object({
    type: z.literal('result'),
    result: z.enum(['converged', 'failed', 'no-changes']),
    revision: z.number().int().positive(),
    failures: z.array(ServiceFailure),
  }),
]);
export type DeployEvent = z.infer<typeof DeployEvent>;

/** One deploy of the journal, as the history lists it: no model, so no secret file paths or values. */
export const DeployRevision = z.object({
  revision: z.number().int().positive(),
  at: z.string(),
  user: z.string(),
  result: z.enum(['converged', 'failed', 'no-changes']),
  /** Keys of the services this deploy created, updated or removed. */
  created: z.array(z.string()),
  updated: z.array(z.string()),
  removed: z.array(z.string()),
  failures: z.array(z.object({ service: z.string(), reason: z.string(), rolledBack: z.boolean() })),
});
export type DeployRevision = z.infer<typeof DeployRevision>;

const environment = z.string().min(1);
/** The environment's name typed by the user, for production and remote swarms. */
const confirm = z.string().optional();

export const deployChannels = {
  /** What a deploy would change, changing nothing; or the problems that stop it. */
  plan: defineInvoke('deploy:plan', z.object({ environment }), DeployPlan),
  /** Deploys exactly the plan the user saw (its fingerprint), then follows it to the end. */
  apply: defineStream('deploy:apply', z.object({ environment, fingerprint: z.string().min(1), confirm }), DeployEvent, {
    title: 'Deployed the stack',
  }),
  /** The environment's deploys, newest first. */
  history: defineInvoke('deploy:history', z.object({ environment }), z.array(DeployRevision)),
  /** Deploys the model recorded at an earlier revision again, as a new revision. */
  rollback: defineStream(
    'deploy:rollback',
    z.object({ environment, revision: z.number().int().positive(), confirm }),
    DeployEvent,
    { title: 'Rolled back the stack' },
  ),
};
