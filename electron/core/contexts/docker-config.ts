import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the docker CLI's configuration lives, and the environment that overrides it. */
export interface DockerConfigOptions {
  /** Default: `$DOCKER_CONFIG`, else ~/.docker, as the docker CLI does. */
  configDir?: string;
  /** DOCKER_CONFIG, DOCKER_HOST and DOCKER_CONTEXT are read from here. Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

/** An environment variable as the docker CLI reads it: empty means unset. */
export function envSetting(options: DockerConfigOptions, name: string): string | undefined {
  const value = (options.env ?? process.env)[name];
  return value === '' ? undefined : value;
}

export function dockerConfigDir(options: DockerConfigOptions = {}): string {
  return options.configDir ?? envSetting(options, 'DOCKER_CONFIG') ?? join(homedir(), '.docker');
}

type ConfigFile = Record<string, unknown> & { currentContext?: string };

async function readConfigFile(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  if (!text.trim()) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as ConfigFile;
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** config.json's `currentContext`; undefined when unset, which means `default`. */
export async function configuredContext(options: DockerConfigOptions = {}): Promise<string | undefined> {
  const current = (await readConfigFile(join(dockerConfigDir(options), 'config.json'))).currentContext;
  return typeof current === 'string' && current ? current : undefined;
}

/**
 * Sets config.json's `currentContext` (removes it for `default`, as `docker context use default`
 * does), keeping every other setting (registry auths, plugins) exactly as it was. Written to a
 * temporary file and renamed, so a crash never leaves half a config; mode 0600, as the CLI's.
 */
export async function writeConfiguredContext(
  name: string | undefined,
  options: DockerConfigOptions = {},
): Promise<void> {
  const dir = dockerConfigDir(options);
  const path = join(dir, 'config.json');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const config = await readConfigFile(path);
  if (name) config.currentContext = name;
  else delete config.currentContext;
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(config, null, '\t'), { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}
