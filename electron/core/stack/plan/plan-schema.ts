import { z } from 'zod';

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
