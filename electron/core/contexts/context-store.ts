import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  configuredContext,
  dockerConfigDir,
  envSetting,
  writeConfiguredContext,
  type DockerConfigOptions,
} from './docker-config';
import { DEFAULT_SOCKET, parseEndpoint } from './endpoint';

export const DEFAULT_CONTEXT = 'default';
/** The docker CLI's rule for context names (cli/context/store). */
const namePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/;
const TLS_FILES = ['ca', 'cert', 'key'] as const;

/** A docker CLI context, as `docker context ls` and `inspect` show it. */
export interface DockerContext {
  name: string;
  description: string;
  /** The docker endpoint: `unix:///…`, `ssh://user@host:port` or `tcp://host:port`. */
  host: string;
  skipTLSVerify: boolean;
  /** Paths of the TLS files stored with the context (contexts/tls/<id>/docker/*.pem), if any. */
  tls: Partial<Record<(typeof TLS_FILES)[number], string>>;
  /** The context the docker CLI would use now (DOCKER_HOST, DOCKER_CONTEXT, config.json). */
  current: boolean;
  /** Why its meta.json could not be read, like the Error column of `docker context ls`. */
  error?: string;
}

export interface NewContext {
  name: string;
  description?: string;
  host: string;
}

/** The on-disk meta.json of cli/context/store/metadatastore.go; unknown fields are kept by readers. */
interface ContextMeta {
  Name: string;
  Metadata: { Description?: string } & Record<string, unknown>;
  Endpoints: { docker?: { Host?: string; SkipTLSVerify?: boolean } } & Record<string, unknown>;
}

/** The store's directory name for a context: the hex SHA-256 of its name. */
export function contextId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

const metaDir = (options: DockerConfigOptions) => join(dockerConfigDir(options), 'contexts', 'meta');
const tlsDir = (options: DockerConfigOptions, name: string) =>
  join(dockerConfigDir(options), 'contexts', 'tls', contextId(name));

/** The name the docker CLI resolves to: DOCKER_HOST forces `default`, then DOCKER_CONTEXT, then config.json. */
export async function currentContextName(options: DockerConfigOptions = {}): Promise<string> {
  if (envSetting(options, 'DOCKER_HOST')) return DEFAULT_CONTEXT;
  return envSetting(options, 'DOCKER_CONTEXT') ?? (await configuredContext(options)) ?? DEFAULT_CONTEXT;
}

function defaultContext(options: DockerConfigOptions, current: string): DockerContext {
  return {
    name: DEFAULT_CONTEXT,
    description: 'Current DOCKER_HOST based configuration',
    host: envSetting(options, 'DOCKER_HOST') ?? `unix://${DEFAULT_SOCKET}`,
    skipTLSVerify: false,
    tls: {},
    current: current === DEFAULT_CONTEXT,
  };
}

async function tlsFiles(options: DockerConfigOptions, name: string): Promise<DockerContext['tls']> {
  const tls: DockerContext['tls'] = {};
  for (const file of TLS_FILES) {
    const path = join(tlsDir(options, name), 'docker', `${file}.pem`);
    if (
      await stat(path).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      tls[file] = path;
  }
  return tls;
}

async function readContext(options: DockerConfigOptions, id: string, current: string): Promise<DockerContext> {
  const file = join(metaDir(options), id, 'meta.json');
  try {
    const meta = JSON.parse(await readFile(file, 'utf8')) as ContextMeta;
    if (typeof meta.Name !== 'string') throw new Error('no Name');
    const docker = meta.Endpoints?.docker;
    return {
      name: meta.Name,
      description: typeof meta.Metadata?.Description === 'string' ? meta.Metadata.Description : '',
      host: docker?.Host ?? '',
      skipTLSVerify: docker?.SkipTLSVerify === true,
      tls: await tlsFiles(options, meta.Name),
      current: meta.Name === current,
    };
  } catch (error) {
    return {
      name: id,
      description: '',
      host: '',
      skipTLSVerify: false,
      tls: {},
      current: false,
      error: `${file}: ${(error as Error).message}`,
    };
  }
}

/** Every context of the docker CLI's store, `default` first, then by name, as `docker context ls`. */
export async function listContexts(options: DockerConfigOptions = {}): Promise<DockerContext[]> {
  const current = await currentContextName(options);
  const ids = await readdir(metaDir(options)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const stored = await Promise.all(ids.map((id) => readContext(options, id, current)));
  stored.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [defaultContext(options, current), ...stored];
}

export async function getContext(name: string, options: DockerConfigOptions = {}): Promise<DockerContext> {
  const current = await currentContextName(options);
  if (name === DEFAULT_CONTEXT) return defaultContext(options, current);
  const id = contextId(name);
  if (!(await stat(join(metaDir(options), id, 'meta.json')).catch(() => undefined))) {
    throw new Error(`There is no Docker context "${name}" (docker context ls lists them)`);
  }
  const context = await readContext(options, id, current);
  if (context.error) throw new Error(`The Docker context "${name}" is unreadable: ${context.error}`);
  return context;
}

/** Adds a context to the docker CLI's store, byte for byte what `docker context create` writes. */
export async function createContext(context: NewContext, options: DockerConfigOptions = {}): Promise<DockerContext> {
  if (context.name === DEFAULT_CONTEXT) throw new Error(`"${DEFAULT_CONTEXT}" is a reserved context name`);
  if (!namePattern.test(context.name)) {
    throw new Error(`Context name "${context.name}" is invalid: use letters, digits and _.+- (not first)`);
  }
  parseEndpoint(context.host);
  const dir = join(metaDir(options), contextId(context.name));
  if (await stat(dir).catch(() => undefined)) throw new Error(`A Docker context "${context.name}" already exists`);

  const meta: ContextMeta = {
    Name: context.name,
    Metadata: context.description ? { Description: context.description } : {},
    Endpoints: { docker: { Host: context.host, SkipTLSVerify: false } },
  };
  await mkdir(dir, { recursive: true, mode: 0o755 });
  await writeFile(join(dir, 'meta.json'), JSON.stringify(meta), { mode: 0o644 });
  return getContext(context.name, options);
}

/**
 * Removes a context and its TLS files. The context in use is refused unless `force`, which then
 * switches back to `default`, as `docker context rm -f` does.
 */
export async function removeContext(
  name: string,
  options: DockerConfigOptions & { force?: boolean } = {},
): Promise<void> {
  if (name === DEFAULT_CONTEXT) throw new Error(`The "${DEFAULT_CONTEXT}" context cannot be removed`);
  await getContext(name, options);
  if ((await configuredContext(options)) === name) {
    if (!options.force) throw new Error(`The Docker context "${name}" is in use; switch to another one first`);
    await writeConfiguredContext(undefined, options);
  }
  await rm(join(metaDir(options), contextId(name)), { recursive: true, force: true });
  await rm(tlsDir(options, name), { recursive: true, force: true });
}

/** Makes a context the docker CLI's current one (config.json `currentContext`). */
export async function useContext(name: string, options: DockerConfigOptions = {}): Promise<void> {
  await getContext(name, options);
  await writeConfiguredContext(name === DEFAULT_CONTEXT ? undefined : name, options);
}
