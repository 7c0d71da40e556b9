import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';

import { isScalar } from 'yaml';

import type { ServiceModel } from '../stack-model';
import { shortPortPattern } from './compose-schema';
import { environmentMap, isExtension, labelMap, namesOf } from './conventions';
import type { Variables } from './interpolate';
import type { Reference, ServiceLayer } from './layers';
import type { Reporter } from './reporter';
import { splitShellWords } from './shell-words';
import { parseBytes, parseDuration, parseNanoCpus } from './units';
import { nodeAt, type JsonPath } from './yaml-source';

type Raw = Record<string, unknown>;
type Port = ServiceModel['ports'][number];
type Mount = ServiceModel['mounts'][number];
type FileReference = ServiceModel['secrets'][number];
type Deploy = ServiceModel['deploy'];
type UpdatePolicy = NonNullable<Deploy['update_config']>;
type Resources = NonNullable<NonNullable<Deploy['resources']>['limits']>;

export interface ServiceContext {
  reporter: Reporter;
  /** Relative paths in every file resolve against the first file's folder, as in compose. */
  projectDir: string;
  variables: Variables;
  references: Reference[];
}

/**
 * Keys swarm services cannot have or that the deploy engine does not carry to the service spec.
 * They are refused, not dropped: a template that says `privileged: true` expects it to happen.
 */
const refusedBecause: Record<string, string> = {
  container_name: 'swarm names the containers of a service itself; remove it',
  env_file: 'configuration comes from the environment file: write `environment: {NAME: ${NAME}}` instead',
  network_mode: 'swarm services join overlay networks; use `networks:`',
  links: 'swarm services find each other by service name on a shared network; remove it',
  external_links: 'swarm services find each other by service name on a shared network; remove it',
  volumes_from: 'swarm cannot share volumes between services this way; use a named volume',
  profiles: 'stacks deploy every service; move optional services to an extension file',
  extends: 'use an extension file (docker-compose.<name>.yml) instead',
  scale: 'use deploy.replicas',
  mem_limit: 'use deploy.resources.limits.memory',
  cpus: 'use deploy.resources.limits.cpus',
};

export function serviceLayer(name: string, raw: Raw, context: ServiceContext): ServiceLayer {
  const { reporter } = context;
  const base: JsonPath = ['services', name];
  const at = (...path: (string | number)[]): JsonPath => [...base, ...path];
  const layer: ServiceLayer = {};
  const refer = (kind: Reference['kind'], target: string, path: JsonPath) =>
    context.references.push({ kind, name: target, from: name, at: reporter.locate(path) });

  for (const [key, value] of Object.entries(raw)) {
    if (isExtension(key)) continue;
    switch (key) {
      case 'image':
      case 'hostname':
      case 'user':
      case 'working_dir':
        layer[key] = value as string;
        break;
      case 'init':
        layer.init = value as boolean;
        break;
      case 'command':
      case 'entrypoint': {
        const words = commandWords(value, at(key), reporter);
        if (words) layer[key] = words;
        break;
      }
      case 'environment':
        layer.environment = environmentMap(value, context.variables);
        break;
      case 'labels':
        layer.labels = labelMap(value);
        break;
      case 'stop_grace_period':
        layer.stop_grace_period = duration(value, at(key), reporter);
        break;
      case 'healthcheck':
        layer.healthcheck = healthcheck(value as Raw, at(key), reporter);
        break;
      case 'depends_on':
        layer.depends_on = namesOf(value);
        layer.depends_on.forEach((dependency, index) =>
          refer('service', dependency, Array.isArray(value) ? at(key, index) : at(key, dependency)),
        );
        break;
      case 'ports':
        layer.ports = (value as unknown[]).flatMap((port, index) => ports(port, at(key, index), reporter));
        break;
      case 'networks':
        layer.networks = namesOf(value);
        for (const network of layer.networks) {
          const path = Array.isArray(value) ? at(key, layer.networks.indexOf(network)) : at(key, network);
          refer('network', network, path);
          const options = Array.isArray(value) ? undefined : (value as Record<string, Raw | null>)[network];
          refuseKeys(options ?? {}, [], path, reporter, 'network aliases and addresses are not supported');
        }
        break;
      case 'volumes':
        layer.mounts = [
          ...(layer.mounts ?? []),
          ...(value as unknown[]).flatMap((volume, index) => {
            const mount = volumeMount(volume, at(key, index), context);
            if (mount?.type === 'volume' && mount.source) refer('volume', mount.source, at(key, index));
            return mount ? [mount] : [];
          }),
        ];
        break;
      case 'tmpfs':
        layer.mounts = [
          ...(layer.mounts ?? []),
          ...[value as string | string[]].flat().map((target): Mount => ({ type: 'tmpfs', target, read_only: false })),
        ];
        break;
      case 'secrets':
      case 'configs': {
        const kind = key === 'secrets' ? 'secret' : 'config';
        layer[key] = (value as unknown[]).map((entry, index) => {
          const reference = fileReference(entry, kind, at(key, index), reporter);
          refer(kind, reference.source, at(key, index));
          return reference;
        });
        break;
      }
      case 'deploy':
        if (value) layer.deploy = deploy(value as Raw, at(key), reporter);
        break;
      case 'build':
        // Recorded by the caller: without an image after merging it is an error.
        reporter.warning(at(key), 'ignored: swarm does not build images; build them first (scripts/images/build.sh)', {
          key: true,
        });
        break;
      case 'restart':
        reporter.warning(at(key), 'ignored by swarm: use deploy.restart_policy', { key: true });
        break;
      default:
        reporter.error(
          at(key),
          `not supported: ${refusedBecause[key] ?? 'swarm ignores it or the deploy engine cannot apply it to a service; remove it'}`,
          { key: true },
        );
    }
  }
  return layer;
}

function commandWords(value: unknown, path: JsonPath, reporter: Reporter): string[] | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  const words = splitShellWords(value as string);
  if (!words) reporter.error(path, 'unterminated quote');
  return words;
}

function duration(value: unknown, path: JsonPath, reporter: Reporter): number | undefined {
  const nanoseconds = parseDuration(String(value));
  if (nanoseconds === undefined) reporter.error(path, 'is not a duration (for example "10s" or "1m30s")');
  return nanoseconds;
}

function healthcheck(raw: Raw, path: JsonPath, reporter: Reporter): ServiceLayer['healthcheck'] {
  const result: ServiceLayer['healthcheck'] = {};
  for (const [key, value] of Object.entries(raw)) {
    if (isExtension(key)) continue;
    if (key === 'test') {
      // A string runs in the image's shell, as `docker run --health-cmd` does.
      result.test = typeof value === 'string' ? ['CMD-SHELL', value] : (value as string[]);
    } else if (key === 'disable') {
      if (value) result.test = ['NONE'];
    } else if (key === 'retries') {
      result.retries = value as number;
    } else if (key === 'interval' || key === 'timeout' || key === 'start_period') {
      result[key] = duration(value, [...path, key], reporter);
    } else {
      reporter.error([...path, key], 'not supported by the deploy engine', { key: true });
    }
  }
  return result;
}

function ports(value: unknown, path: JsonPath, reporter: Reporter): Port[] {
  if (typeof value === 'number') return [{ target: value, protocol: 'tcp', mode: 'ingress' }];
  if (typeof value === 'string') return shortPorts(value, path, reporter);
  const raw = value as Raw;
  if (raw.host_ip !== undefined) {
    reporter.error([...path, 'host_ip'], 'swarm publishes ports on every address; remove host_ip', { key: true });
  }
  const protocol = (raw.protocol as string | undefined) ?? 'tcp';
  const mode = (raw.mode as string | undefined) ?? 'ingress';
  if (protocol !== 'tcp' && protocol !== 'udp') reporter.error([...path, 'protocol'], 'must be "tcp" or "udp"');
  if (mode !== 'ingress' && mode !== 'host') reporter.error([...path, 'mode'], 'must be "ingress" or "host"');
  const port: Port = {
    target: raw.target as number,
    protocol: protocol as Port['protocol'],
    mode: mode as Port['mode'],
  };
  if (raw.published !== undefined) port.published = raw.published as number;
  return [port];
}

/** `"8080:80/udp"`, `"9000-9001:8000-8001"`, `"80"`: one long-form port per target port. */
function shortPorts(text: string, path: JsonPath, reporter: Reporter): Port[] {
  const groups = shortPortPattern.exec(text)?.groups;
  if (!groups) {
    reporter.error(path, 'is not a port: expected "target", "published:target" or "published:target/protocol"');
    return [];
  }
  if (groups.ip) {
    reporter.error(path, 'swarm publishes ports on every address; remove the host address');
    return [];
  }
  const protocol = groups.protocol ?? 'tcp';
  if (protocol !== 'tcp' && protocol !== 'udp') {
    reporter.error(path, 'the protocol must be "tcp" or "udp"');
    return [];
  }
  const targets = portRange(groups.target!);
  const published = groups.published ? portRange(groups.published) : undefined;
  if (published && published.length !== targets.length) {
    reporter.error(path, 'the published and target port ranges differ in length');
    return [];
  }
  return targets.map((target, index) => ({
    target,
    ...(published ? { published: published[index] } : {}),
    protocol,
    mode: 'ingress',
  }));
}

function portRange(text: string): number[] {
  const [first, last = first] = text.split('-').map(Number) as [number, number?];
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, offset) => first + offset);
}

function volumeMount(value: unknown, path: JsonPath, context: ServiceContext): Mount | undefined {
  const { reporter } = context;
  if (typeof value === 'string') return shortVolume(value, path, context);
  const raw = value as Raw;
  refuseKeys(raw, ['type', 'source', 'target', 'read_only'], path, reporter, 'mount options are not supported');
  const type = raw.type as string;
  if (type !== 'volume' && type !== 'bind' && type !== 'tmpfs') {
    reporter.error([...path, 'type'], 'must be "volume", "bind" or "tmpfs"');
    return undefined;
  }
  const mount: Mount = {
    type,
    target: raw.target as string,
    read_only: (raw.read_only as boolean | undefined) ?? false,
  };
  if (typeof raw.source === 'string' && type !== 'tmpfs') {
    mount.source = type === 'bind' ? hostPath(raw.source, context.projectDir) : raw.source;
  }
  return mount;
}

/** `[source:]target[:ro|rw]`: a source that looks like a path is a bind mount, anything else a volume. */
function shortVolume(text: string, path: JsonPath, context: ServiceContext): Mount | undefined {
  const parts = text.split(':');
  if (parts.length === 1) return { type: 'volume', target: text, read_only: false };
  const [source, target, options = 'rw'] = parts as [string, string, string?];
  if (parts.length > 3 || !target) {
    context.reporter.error(path, 'is not a volume: expected "source:target" or "source:target:ro"');
    return undefined;
  }
  const unsupported = options.split(',').filter((option) => option !== 'ro' && option !== 'rw');
  if (unsupported.length > 0) {
    context.reporter.error(path, `mount options ${unsupported.join(', ')} are not supported (only ro and rw)`);
  }
  const isPath = /^[./~]/.test(source);
  return {
    type: isPath ? 'bind' : 'volume',
    source: isPath ? hostPath(source, context.projectDir) : source,
    target,
    read_only: options.split(',').includes('ro'),
  };
}

function hostPath(path: string, projectDir: string): string {
  if (path === '~' || path.startsWith('~/')) return resolve(homedir(), path.slice(2));
  return isAbsolute(path) ? path : resolve(projectDir, path);
}

/** Short `- name` or long `{source, target, uid, gid, mode}`; targets default as in compose. */
function fileReference(value: unknown, kind: 'secret' | 'config', path: JsonPath, reporter: Reporter): FileReference {
  const defaultTarget = (source: string) => (kind === 'secret' ? source : `/${source}`);
  if (typeof value === 'string') return { source: value, target: defaultTarget(value) };
  const raw = value as Raw;
  const source = raw.source as string;
  const reference: FileReference = { source, target: (raw.target as string | undefined) ?? defaultTarget(source) };
  if (raw.uid !== undefined) reference.uid = raw.uid as string;
  if (raw.gid !== undefined) reference.gid = raw.gid as string;
  if (raw.mode !== undefined) reference.mode = fileMode(raw.mode as number, [...path, 'mode'], reporter);
  return reference;
}

/**
 * `mode: 0440` is octal in compose (YAML 1.1, as Go reads it), while YAML 1.2 reads decimal 440;
 * the written digits decide.
 */
function fileMode(value: number, path: JsonPath, reporter: Reporter): number {
  const node = nodeAt(reporter.source, path);
  const written = isScalar(node) ? node.source : undefined;
  return written && /^0[0-7]+$/.test(written) ? Number.parseInt(written, 8) : value;
}

function deploy(raw: Raw, path: JsonPath, reporter: Reporter): Partial<Deploy> {
  const result: Partial<Deploy> = {};
  const at = (...rest: string[]): JsonPath => [...path, ...rest];
  for (const [key, value] of Object.entries(raw)) {
    if (isExtension(key)) continue;
    switch (key) {
      case 'mode':
        if (value === 'replicated' || value === 'global') result.mode = value;
        else reporter.error(at(key), 'must be "replicated" or "global"');
        break;
      case 'endpoint_mode':
        if (value === 'vip' || value === 'dnsrr') result.endpoint_mode = value;
        else reporter.error(at(key), 'must be "vip" or "dnsrr"');
        break;
      case 'replicas':
        result.replicas = value as number;
        break;
      case 'labels':
        result.labels = labelMap(value);
        break;
      case 'update_config':
      case 'rollback_config':
        result[key] = updatePolicy(value as Raw, at(key), reporter);
        break;
      case 'restart_policy':
        result.restart_policy = restartPolicy(value as Raw, at(key), reporter);
        break;
      case 'resources':
        result.resources = resources(value as Raw, at(key), reporter);
        break;
      case 'placement': {
        const placement = value as Raw;
        refuseKeys(placement, ['constraints', 'preferences'], at(key), reporter, 'not supported by the deploy engine');
        result.placement = {
          constraints: (placement.constraints as string[] | undefined) ?? [],
          preferences: ((placement.preferences as { spread?: string }[] | undefined) ?? []).flatMap((preference) =>
            preference.spread ? [preference.spread] : [],
          ),
        };
        break;
      }
    }
  }
  return result;
}

function updatePolicy(raw: Raw, path: JsonPath, reporter: Reporter): UpdatePolicy {
  const policy: UpdatePolicy = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'parallelism' || key === 'max_failure_ratio') policy[key] = value as number;
    else if (key === 'order') policy.order = value as UpdatePolicy['order'];
    else if (key === 'delay' || key === 'monitor') policy[key] = duration(value, [...path, key], reporter);
    else if (key === 'failure_action') {
      if (value === 'continue' || value === 'rollback' || value === 'pause') policy.failure_action = value;
      else reporter.error([...path, key], 'must be "continue", "rollback" or "pause"');
    }
  }
  return policy;
}

function restartPolicy(raw: Raw, path: JsonPath, reporter: Reporter): Deploy['restart_policy'] {
  const policy: NonNullable<Deploy['restart_policy']> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'max_attempts') policy.max_attempts = value as number;
    else if (key === 'delay' || key === 'window') policy[key] = duration(value, [...path, key], reporter);
    else if (key === 'condition') {
      if (value === 'none' || value === 'on-failure' || value === 'any') policy.condition = value;
      else reporter.error([...path, key], 'must be "none", "on-failure" or "any"');
    }
  }
  return policy;
}

function resources(raw: Raw, path: JsonPath, reporter: Reporter): Deploy['resources'] {
  const result: NonNullable<Deploy['resources']> = {};
  for (const kind of ['limits', 'reservations'] as const) {
    const section = raw[kind] as Raw | undefined;
    if (!section) continue;
    refuseKeys(section, ['cpus', 'memory'], [...path, kind], reporter, 'not supported by the deploy engine');
    const amounts: Resources = {};
    if (section.cpus !== undefined) {
      amounts.nano_cpus = parseNanoCpus(section.cpus as string | number);
      if (amounts.nano_cpus === undefined)
        reporter.error([...path, kind, 'cpus'], 'is not a number of CPUs (for example "0.5")');
    }
    if (section.memory !== undefined) {
      amounts.memory_bytes = parseBytes(section.memory as string);
      if (amounts.memory_bytes === undefined)
        reporter.error([...path, kind, 'memory'], 'is not a size (for example "512M")');
    }
    result[kind] = amounts;
  }
  return result;
}

/** Reports every key of `raw` outside `allowed` (extensions aside). */
export function refuseKeys(raw: Raw, allowed: string[], path: JsonPath, reporter: Reporter, reason: string): void {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key) && !isExtension(key)) reporter.error([...path, key], reason, { key: true });
  }
}
