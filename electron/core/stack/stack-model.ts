import { z } from 'zod';

/**
 * The desired state of one stack, as the deploy engine works with it: compose files loaded,
 * merged, interpolated, validated and normalized (compose/ produces it), ready to be planned
 * against the live swarm and applied (plan/, apply/). Short compose syntax is already expanded to
 * the long form here, durations are nanoseconds, memory is bytes, CPUs are nano-CPUs, file paths
 * are absolute; names are the template's keys (the stack namespace is added when applying).
 */

const stringMap = z.record(z.string(), z.string());
/** Nanoseconds, as the Docker API takes durations. */
const nanoseconds = z.number().int().nonnegative();

export const UpdatePolicy = z.object({
  parallelism: z.number().int().nonnegative().optional(),
  delay: nanoseconds.optional(),
  failure_action: z.enum(['continue', 'rollback', 'pause']).optional(),
  monitor: nanoseconds.optional(),
  max_failure_ratio: z.number().nonnegative().optional(),
  order: z.enum(['stop-first', 'start-first']).optional(),
});

/** A secret or config given to a service: the stack's key, where it appears, its owner and mode. */
const FileGrant = z.object({
  source: z.string(),
  target: z.string(),
  uid: z.string().optional(),
  gid: z.string().optional(),
  mode: z.number().int().optional(),
});

export const ServiceModel = z.object({
  image: z.string().min(1),
  command: z.array(z.string()).optional(),
  entrypoint: z.array(z.string()).optional(),
  environment: stringMap,
  /** Container labels (`labels:`); service labels are deploy.labels. */
  labels: stringMap,
  hostname: z.string().optional(),
  user: z.string().optional(),
  working_dir: z.string().optional(),
  init: z.boolean().optional(),
  stop_grace_period: nanoseconds.optional(),
  healthcheck: z
    .object({
      test: z.array(z.string()),
      interval: nanoseconds.optional(),
      timeout: nanoseconds.optional(),
      retries: z.number().int().nonnegative().optional(),
      start_period: nanoseconds.optional(),
    })
    .optional(),
  /** Services this one needs running first; only orders the apply (swarm itself ignores it). */
  depends_on: z.array(z.string()),
  ports: z.array(
    z.object({
      target: z.number().int().min(1).max(65535),
      published: z.number().int().min(1).max(65535).optional(),
      protocol: z.enum(['tcp', 'udp']),
      mode: z.enum(['ingress', 'host']),
    }),
  ),
  /** Keys of the stack's networks (or external networks' keys). */
  networks: z.array(z.string()),
  mounts: z.array(
    z.object({
      type: z.enum(['volume', 'bind', 'tmpfs']),
      /** A volume key of the stack, or an absolute host path for a bind. */
      source: z.string().optional(),
      target: z.string(),
      read_only: z.boolean(),
    }),
  ),
  /** Secrets under /run/secrets/<target>. */
  secrets: z.array(FileGrant),
  /** Configs at the absolute path `target`. */
  configs: z.array(FileGrant),
  deploy: z.object({
    mode: z.enum(['replicated', 'global']),
    replicas: z.number().int().nonnegative().optional(),
    endpoint_mode: z.enum(['vip', 'dnsrr']),
    /** Service labels (Traefik reads these). */
    labels: stringMap,
    update_config: UpdatePolicy.optional(),
    rollback_config: UpdatePolicy.optional(),
    restart_policy: z
      .object({
        condition: z.enum(['none', 'on-failure', 'any']).optional(),
        delay: nanoseconds.optional(),
        max_attempts: z.number().int().nonnegative().optional(),
        window: nanoseconds.optional(),
      })
      .optional(),
    resources: z
      .object({
        limits: z
          .object({ nano_cpus: z.number().int().optional(), memory_bytes: z.number().int().optional() })
          .optional(),
        reservations: z
          .object({ nano_cpus: z.number().int().optional(), memory_bytes: z.number().int().optional() })
          .optional(),
      })
      .optional(),
    placement: z.object({ constraints: z.array(z.string()), preferences: z.array(z.string()) }).optional(),
  }),
});
export type ServiceModel = z.infer<typeof ServiceModel>;

const external = z.object({ external: z.literal(true), name: z.string() });

export const StackModel = z.object({
  services: z.record(z.string(), ServiceModel),
  networks: z.record(
    z.string(),
    z.union([
      external,
      z.object({
        external: z.literal(false),
        /**
         * The name the template fixes with compose's `name:` (Traefik needs to know it); when
         * absent the network is named `<stack>_<key>` as usual.
         */
        name: z.string().optional(),
        driver: z.string(),
        attachable: z.boolean(),
        /** No route outside the swarm (compose `internal: true`). */
        internal: z.boolean().optional(),
        driver_opts: stringMap,
        labels: stringMap,
      }),
    ]),
  ),
  volumes: z.record(
    z.string(),
    z.union([
      external,
      z.object({ external: z.literal(false), driver: z.string(), driver_opts: stringMap, labels: stringMap }),
    ]),
  ),
  /** A secret's content comes from a file (absolute path) or it already exists (external). */
  secrets: z.record(
    z.string(),
    z.union([external, z.object({ external: z.literal(false), file: z.string(), labels: stringMap })]),
  ),
  configs: z.record(
    z.string(),
    z.union([external, z.object({ external: z.literal(false), file: z.string(), labels: stringMap })]),
  ),
});
export type StackModel = z.infer<typeof StackModel>;
