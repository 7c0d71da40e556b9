import type { SwarmServiceSpec } from '../swarm/swarm-spec';

/**
 * The fields a plan reports, each read the same way from a desired and a live spec. Live specs
 * name networks by ID and carry secret/config IDs; both are mapped back to names so the two sides
 * compare. `restarts` marks the fields whose change replaces tasks.
 */
interface SpecField {
  field: string;
  restarts: boolean;
  read: (spec: SwarmServiceSpec, networkNames: Map<string, string>) => unknown;
}

const fileReference = (name: string, file: { Name: string; UID: string; GID: string; Mode: number }) => ({
  name,
  target: file.Name,
  uid: file.UID,
  gid: file.GID,
  mode: file.Mode,
});

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export const SPEC_FIELDS: SpecField[] = [
  { field: 'image', restarts: true, read: (spec) => spec.TaskTemplate.ContainerSpec.Image },
  {
    field: 'command',
    restarts: true,
    read: (spec) => ({
      entrypoint: spec.TaskTemplate.ContainerSpec.Command,
      args: spec.TaskTemplate.ContainerSpec.Args,
    }),
  },
  { field: 'env', restarts: true, read: (spec) => [...(spec.TaskTemplate.ContainerSpec.Env ?? [])].sort() },
  { field: 'labels', restarts: false, read: (spec) => spec.Labels },
  { field: 'container_labels', restarts: true, read: (spec) => spec.TaskTemplate.ContainerSpec.Labels },
  {
    field: 'secrets',
    restarts: true,
    read: (spec) =>
      (spec.TaskTemplate.ContainerSpec.Secrets ?? [])
        .map((ref) => fileReference(ref.SecretName, ref.File))
        .sort(byName),
  },
  {
    field: 'configs',
    restarts: true,
    read: (spec) =>
      (spec.TaskTemplate.ContainerSpec.Configs ?? [])
        .map((ref) => fileReference(ref.ConfigName, ref.File))
        .sort(byName),
  },
  { field: 'mounts', restarts: true, read: (spec) => spec.TaskTemplate.ContainerSpec.Mounts },
  {
    field: 'networks',
    restarts: true,
    read: (spec, networkNames) =>
      (spec.TaskTemplate.Networks ?? [])
        .map((network) => ({ name: networkNames.get(network.Target) ?? network.Target, aliases: network.Aliases }))
        .sort(byName),
  },
  { field: 'ports', restarts: true, read: (spec) => spec.EndpointSpec },
  { field: 'resources', restarts: true, read: (spec) => spec.TaskTemplate.Resources },
  { field: 'placement', restarts: true, read: (spec) => spec.TaskTemplate.Placement },
  { field: 'update_config', restarts: false, read: (spec) => withPolicyDefaults(spec.UpdateConfig) },
  { field: 'rollback_config', restarts: false, read: (spec) => withPolicyDefaults(spec.RollbackConfig) },
  { field: 'restart_policy', restarts: true, read: (spec) => spec.TaskTemplate.RestartPolicy },
  { field: 'healthcheck', restarts: true, read: (spec) => spec.TaskTemplate.ContainerSpec.Healthcheck },
  {
    field: 'mode',
    restarts: false,
    read: (spec) => ('Global' in spec.Mode ? 'global' : { replicas: spec.Mode.Replicated.Replicas ?? 1 }),
  },
  {
    field: 'container',
    restarts: true,
    read: (spec) => {
      const container = spec.TaskTemplate.ContainerSpec;
      return {
        hostname: container.Hostname,
        user: container.User,
        working_dir: container.Dir,
        init: container.Init,
        stop_grace_period: container.StopGracePeriod,
      };
    },
  },
];

/**
 * An update or rollback policy as the daemon stores it: a failure action or order the spec left
 * empty comes back as the daemon's default, so an unchanged stack would otherwise plan a change
 * on every run.
 */
function withPolicyDefaults<P extends { FailureAction?: string; Order?: string }>(policy: P | undefined) {
  if (!policy) return policy;
  const orDefault = (value: string | undefined, daemonDefault: string) =>
    value === '' ? daemonDefault : (value ?? daemonDefault);
  return {
    ...policy,
    FailureAction: orDefault(policy.FailureAction, 'pause'),
    Order: orDefault(policy.Order, 'stop-first'),
  };
}

/**
 * Drops what the daemon treats as unset (undefined, null, '', 0, false, {} and []), so a spec the
 * engine sends compares equal to the one the daemon gives back with its own defaults filled in.
 */
export function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(withoutEmpty).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([key, item]) => [key, withoutEmpty(item)] as const)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
  return value === null || value === '' || value === 0 || value === false ? undefined : value;
}

export interface SpecDifference {
  changes: { field: string; before: unknown; after: unknown }[];
  restarts: boolean;
}

export function compareSpecs(
  live: SwarmServiceSpec,
  desired: SwarmServiceSpec,
  networkNames: Map<string, string>,
): SpecDifference {
  const changes = [];
  let restarts = false;
  for (const { field, restarts: replacesTasks, read } of SPEC_FIELDS) {
    const before = withoutEmpty(read(live, networkNames)) ?? null;
    const after = withoutEmpty(read(desired, networkNames)) ?? null;
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    changes.push({ field, before, after });
    restarts ||= replacesTasks;
  }
  return { changes, restarts };
}
