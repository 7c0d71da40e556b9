import type { ServiceModel } from '../stack-model';
import { emptyLayer, type FileLayer, type ResourceLayer, type ServiceLayer } from './layers';

/**
 * The compose specification's merge of a later file over an earlier one: mappings merge key by
 * key, `environment` and `labels` by variable or label name, ports by published and target port
 * with protocol, mounts, secrets and configs by target; `command`, `entrypoint` and the
 * healthcheck's `test` are replaced; other sequences (networks, depends_on, placement) are joined.
 */
export function mergeLayers(layers: readonly FileLayer[]): FileLayer {
  return layers.reduce(
    (merged, layer) => ({
      services: mergeRecords(merged.services, layer.services, mergeService),
      networks: mergeRecords(merged.networks, layer.networks, mergeResource),
      volumes: mergeRecords(merged.volumes, layer.volumes, mergeResource),
      secrets: mergeRecords(merged.secrets, layer.secrets, mergeResource),
      configs: mergeRecords(merged.configs, layer.configs, mergeResource),
      references: [...merged.references, ...layer.references],
      serviceOrigins: { ...layer.serviceOrigins, ...merged.serviceOrigins },
      builds: { ...merged.builds, ...layer.builds },
    }),
    emptyLayer(),
  );
}

function mergeRecords<T>(
  base: Record<string, T>,
  over: Record<string, T>,
  merge: (a: T, b: T) => T,
): Record<string, T> {
  const result = { ...base };
  for (const [key, value] of Object.entries(over)) result[key] = key in base ? merge(base[key]!, value) : value;
  return result;
}

type Port = ServiceModel['ports'][number];

const portKey = (port: Port) => `${port.published ?? ''}:${port.target}/${port.protocol}`;
const byTarget = (entry: { target: string }) => entry.target;

function mergeService(base: ServiceLayer, over: ServiceLayer): ServiceLayer {
  const merged: ServiceLayer = { ...base, ...over };
  if (base.environment && over.environment) merged.environment = { ...base.environment, ...over.environment };
  if (base.labels && over.labels) merged.labels = { ...base.labels, ...over.labels };
  if (base.ports && over.ports) merged.ports = mergeKeyed(base.ports, over.ports, portKey);
  if (base.mounts && over.mounts) merged.mounts = mergeKeyed(base.mounts, over.mounts, byTarget);
  if (base.secrets && over.secrets) merged.secrets = mergeKeyed(base.secrets, over.secrets, byTarget);
  if (base.configs && over.configs) merged.configs = mergeKeyed(base.configs, over.configs, byTarget);
  if (base.networks && over.networks) merged.networks = union(base.networks, over.networks);
  if (base.depends_on && over.depends_on) merged.depends_on = union(base.depends_on, over.depends_on);
  if (base.healthcheck && over.healthcheck) merged.healthcheck = { ...base.healthcheck, ...over.healthcheck };
  if (base.deploy && over.deploy) merged.deploy = mergeDeploy(base.deploy, over.deploy);
  return merged;
}

type Deploy = NonNullable<ServiceLayer['deploy']>;

function mergeDeploy(base: Deploy, over: Deploy): Deploy {
  const merged: Deploy = { ...base, ...over };
  if (base.labels && over.labels) merged.labels = { ...base.labels, ...over.labels };
  for (const policy of ['update_config', 'rollback_config', 'restart_policy'] as const) {
    if (base[policy] && over[policy]) merged[policy] = { ...base[policy], ...over[policy] };
  }
  if (base.resources && over.resources) {
    merged.resources = {
      ...base.resources,
      ...over.resources,
      limits: { ...base.resources.limits, ...over.resources.limits },
      reservations: { ...base.resources.reservations, ...over.resources.reservations },
    };
  }
  if (base.placement && over.placement) {
    merged.placement = {
      constraints: union(base.placement.constraints, over.placement.constraints),
      preferences: union(base.placement.preferences, over.placement.preferences),
    };
  }
  return merged;
}

function mergeResource(base: ResourceLayer, over: ResourceLayer): ResourceLayer {
  return {
    ...base,
    ...over,
    labels: { ...base.labels, ...over.labels },
    driver_opts: { ...base.driver_opts, ...over.driver_opts },
    origin: base.origin,
  };
}

/** Entries of `over` replace those of `base` with the same key in place; new ones are appended. */
function mergeKeyed<T>(base: readonly T[], over: readonly T[], key: (entry: T) => string): T[] {
  const overrides = new Map(over.map((entry) => [key(entry), entry]));
  const replaced = base.map((entry) => overrides.get(key(entry)) ?? entry);
  const present = new Set(base.map(key));
  return [...replaced, ...over.filter((entry) => !present.has(key(entry)))];
}

function union(base: readonly string[], over: readonly string[]): string[] {
  return [...new Set([...base, ...over])];
}
