import { StackModel, type ServiceModel } from '../stack-model';
import type { FileLayer, Location, ResourceLayer, ServiceLayer } from './layers';
import type { SourceProblem } from './source-problem';

/** The network every service without `networks:` joins, created as `docker stack deploy` does. */
export const DEFAULT_NETWORK = 'default';

/**
 * The merged layers with compose's and swarm's defaults applied: replicated mode with one replica,
 * a virtual IP, the `default` overlay network. Names a service refers to must be declared.
 */
export function stackModelFromLayers(merged: FileLayer): { model?: StackModel; problems: SourceProblem[] } {
  const problems: SourceProblem[] = [];
  const error = (at: Location, message: string) => problems.push({ severity: 'error', ...at, message });

  const services: Record<string, ServiceModel> = {};
  for (const [name, layer] of Object.entries(merged.services)) {
    const origin = merged.serviceOrigins[name]!;
    if (!layer.image) {
      const why = merged.builds[name]
        ? 'swarm cannot build images: add `image:` naming the built image'
        : 'add `image:`';
      error(merged.builds[name] ?? origin, `services.${name} has no image; ${why}`);
      continue;
    }
    if (layer.deploy?.mode === 'global' && layer.deploy.replicas !== undefined) {
      error(origin, `services.${name}: deploy.replicas cannot be used with deploy.mode global`);
    }
    services[name] = serviceModel(layer, layer.image);
  }

  const networks = resources(merged.networks, (resource) => ({
    external: false as const,
    ...(resource.name ? { name: resource.name } : {}),
    driver: resource.driver ?? 'overlay',
    attachable: resource.attachable ?? false,
    ...(resource.internal ? { internal: true } : {}),
    driver_opts: resource.driver_opts ?? {},
    labels: resource.labels ?? {},
  }));
  if (Object.values(services).some((service) => service.networks.includes(DEFAULT_NETWORK))) {
    networks[DEFAULT_NETWORK] ??= {
      external: false,
      driver: 'overlay',
      attachable: false,
      driver_opts: {},
      labels: {},
    };
  }
  const volumes = resources(merged.volumes, (resource) => ({
    external: false as const,
    // Unset stays empty: the docker CLI then leaves DriverConfig out of the mount, and the
    // daemon uses its default driver. Saying 'local' here would make every spec differ from its.
    driver: resource.driver ?? '',
    driver_opts: resource.driver_opts ?? {},
    labels: resource.labels ?? {},
  }));
  const withFile = (kind: 'secrets' | 'configs') =>
    resources(merged[kind], (resource, name) => {
      if (!resource.file) error(resource.origin, `${kind}.${name} needs \`file:\` (or \`external: true\`)`);
      return { external: false as const, file: resource.file ?? '', labels: resource.labels ?? {} };
    });
  const model = { services, networks, volumes, secrets: withFile('secrets'), configs: withFile('configs') };

  for (const reference of merged.references) {
    const declared =
      reference.kind === 'service'
        ? reference.name in merged.services
        : reference.name in model[`${reference.kind}s`] ||
          (reference.kind === 'network' && reference.name === DEFAULT_NETWORK);
    if (!declared) {
      error(
        reference.at,
        `services.${reference.from} refers to ${reference.kind} "${reference.name}", which is not declared`,
      );
    }
  }
  if (problems.length > 0) return { problems };

  const checked = StackModel.safeParse(model);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const [section, name] = issue.path.map(String);
      const at = section === 'services' ? merged.serviceOrigins[name!] : merged[section as 'networks']?.[name!]?.origin;
      error(at ?? Object.values(merged.serviceOrigins)[0]!, `${issue.path.join('.')}: ${issue.message}`);
    }
    return { problems };
  }
  return { model: checked.data, problems };
}

function serviceModel(layer: ServiceLayer, image: string): ServiceModel {
  const { deploy = {}, healthcheck, ...rest } = layer;
  const service: ServiceModel = {
    ...rest,
    image,
    environment: layer.environment ?? {},
    labels: layer.labels ?? {},
    depends_on: layer.depends_on ?? [],
    ports: layer.ports ?? [],
    networks: layer.networks?.length ? layer.networks : [DEFAULT_NETWORK],
    mounts: layer.mounts ?? [],
    secrets: layer.secrets ?? [],
    configs: layer.configs ?? [],
    deploy: {
      ...deploy,
      mode: deploy.mode ?? 'replicated',
      endpoint_mode: deploy.endpoint_mode ?? 'vip',
      labels: deploy.labels ?? {},
    },
  };
  if (service.deploy.mode === 'replicated') service.deploy.replicas ??= 1;
  if (healthcheck) service.healthcheck = { ...healthcheck, test: healthcheck.test ?? [] };
  return service;
}

type External = { external: true; name: string };

function resources<T>(
  layers: Record<string, ResourceLayer>,
  own: (resource: ResourceLayer, name: string) => T,
): Record<string, T | External> {
  return Object.fromEntries(
    Object.entries(layers).map(([name, resource]) => [
      name,
      resource.external ? { external: true as const, name: resource.name ?? name } : own(resource, name),
    ]),
  );
}
