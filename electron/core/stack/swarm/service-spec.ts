import type { ServiceModel, StackModel } from '../stack-model';
import { IMAGE_LABEL, scoped, withNamespace } from './names';
import type { SwarmMount, SwarmServiceSpec, SwarmUpdateConfig } from './swarm-spec';

/** The swarm names the model's secret and config keys resolve to (content-hashed, or external). */
export interface ObjectNames {
  secrets: Record<string, string>;
  configs: Record<string, string>;
}

/** A service with no `networks:` joins the stack's default network, as in compose. */
export function serviceNetworkKeys(service: ServiceModel): string[] {
  return service.networks.length > 0 ? service.networks : ['default'];
}

/** A network's swarm name: `<stack>_<key>`, unless the template fixes it (`name:`) or it is external. */
export function networkName(stack: string, model: StackModel, key: string): string {
  const network = model.networks[key];
  return network?.name ?? scoped(stack, key);
}

export function volumeName(stack: string, model: StackModel, key: string): string {
  const volume = model.volumes[key];
  return volume?.external ? volume.name : scoped(stack, key);
}

/**
 * The ServiceSpec `docker stack deploy` would send for this service (docker/cli
 * cli/compose/convert/service.go), except that secret and config names are the content-hashed
 * ones. Object IDs are left out: the daemon needs them on create/update, plan compares by name.
 */
export function serviceSpec(stack: string, key: string, model: StackModel, names: ObjectNames): SwarmServiceSpec {
  const service = model.services[key];
  if (!service) throw new Error(`Service ${key} is not in the stack model`);
  const deploy = service.deploy;
  const resources = deploy.resources;
  return {
    Name: scoped(stack, key),
    Labels: { ...withNamespace(stack, deploy.labels), [IMAGE_LABEL]: service.image },
    TaskTemplate: {
      ContainerSpec: {
        Image: service.image,
        Command: service.entrypoint,
        Args: service.command,
        Hostname: service.hostname,
        Env: Object.entries(service.environment)
          .map(([name, value]) => `${name}=${value}`)
          .sort(),
        Labels: withNamespace(stack, service.labels),
        Dir: service.working_dir,
        User: service.user,
        Init: service.init,
        // The CLI always sends this empty object; sending it too keeps the two specs identical.
        Privileges: { CredentialSpec: null, SELinuxContext: null },
        StopGracePeriod: service.stop_grace_period,
        Healthcheck: service.healthcheck && {
          Test: service.healthcheck.test,
          Interval: service.healthcheck.interval,
          Timeout: service.healthcheck.timeout,
          Retries: service.healthcheck.retries,
          StartPeriod: service.healthcheck.start_period,
        },
        Mounts: service.mounts.map((mount) => swarmMount(stack, model, mount)),
        Secrets: service.secrets
          .map((secret) => ({
            SecretName: resolved(names.secrets, secret.source, 'secret', key),
            File: { Name: secret.target, UID: secret.uid ?? '0', GID: secret.gid ?? '0', Mode: secret.mode ?? 0o444 },
          }))
          .sort((a, b) => a.SecretName.localeCompare(b.SecretName)),
        Configs: service.configs
          .map((config) => ({
            ConfigName: resolved(names.configs, config.source, 'config', key),
            File: { Name: config.target, UID: config.uid ?? '0', GID: config.gid ?? '0', Mode: config.mode ?? 0o444 },
          }))
          .sort((a, b) => a.ConfigName.localeCompare(b.ConfigName)),
      },
      Resources: {
        Limits: resources?.limits && {
          NanoCPUs: resources.limits.nano_cpus,
          MemoryBytes: resources.limits.memory_bytes,
        },
        Reservations: resources?.reservations && {
          NanoCPUs: resources.reservations.nano_cpus,
          MemoryBytes: resources.reservations.memory_bytes,
        },
      },
      RestartPolicy: deploy.restart_policy && {
        Condition: deploy.restart_policy.condition,
        Delay: deploy.restart_policy.delay,
        MaxAttempts: deploy.restart_policy.max_attempts,
        Window: deploy.restart_policy.window,
      },
      Placement: {
        Constraints: deploy.placement?.constraints,
        Preferences: deploy.placement?.preferences.map((descriptor) => ({ Spread: { SpreadDescriptor: descriptor } })),
      },
      Networks: serviceNetworkKeys(service)
        .map((network) => ({ Target: networkName(stack, model, network), Aliases: [key] }))
        .sort((a, b) => a.Target.localeCompare(b.Target)),
    },
    Mode: deploy.mode === 'global' ? { Global: {} } : { Replicated: { Replicas: deploy.replicas } },
    UpdateConfig: deploy.update_config && updateConfig(deploy.update_config),
    RollbackConfig: deploy.rollback_config && updateConfig(deploy.rollback_config),
    EndpointSpec: {
      Mode: deploy.endpoint_mode,
      Ports: service.ports
        .map((port) => ({
          Protocol: port.protocol,
          TargetPort: port.target,
          PublishedPort: port.published,
          PublishMode: port.mode,
        }))
        .sort((a, b) => (a.PublishedPort ?? 0) - (b.PublishedPort ?? 0)),
    },
  };
}

function resolved(names: Record<string, string>, source: string, kind: string, service: string): string {
  const name = names[source];
  if (!name) throw new Error(`Service ${service} uses ${kind} ${source}, which the stack does not declare`);
  return name;
}

function swarmMount(stack: string, model: StackModel, mount: ServiceModel['mounts'][number]): SwarmMount {
  const base = { Type: mount.type, Target: mount.target, ReadOnly: mount.read_only, Source: mount.source };
  if (mount.type !== 'volume' || !mount.source) return base;
  const volume = model.volumes[mount.source];
  if (!volume) throw new Error(`Mount ${mount.target} uses volume ${mount.source}, which the stack does not declare`);
  const source = volumeName(stack, model, mount.source);
  if (volume.external) return { ...base, Source: source, VolumeOptions: {} };
  const hasDriverConfig = volume.driver !== '' || Object.keys(volume.driver_opts).length > 0;
  return {
    ...base,
    Source: source,
    VolumeOptions: {
      Labels: withNamespace(stack, volume.labels),
      DriverConfig: hasDriverConfig ? { Name: volume.driver, Options: volume.driver_opts } : undefined,
    },
  };
}

/** As the CLI's convertUpdateConfig: parallelism defaults to 1, everything else to the daemon's zero. */
function updateConfig(policy: NonNullable<ServiceModel['deploy']['update_config']>): SwarmUpdateConfig {
  return {
    Parallelism: policy.parallelism ?? 1,
    Delay: policy.delay ?? 0,
    FailureAction: policy.failure_action ?? '',
    Monitor: policy.monitor ?? 0,
    MaxFailureRatio: policy.max_failure_ratio ?? 0,
    Order: policy.order ?? '',
  };
}
