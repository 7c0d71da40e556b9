import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
const images = join(root, 'stack-templates/images');
const bundles = join(root, 'build/services');
const serviceSources = join(root, 'services');
const run = promisify(execFile);
const serviceNames = ['managair', 'forwarder', 'worker', 'ttn-simulator'] as const;
export type ServiceName = (typeof serviceNames)[number];

/** The variable of each service image in the environment files. */
export const serviceImageVariables: Record<ServiceName, string> = {
  managair: 'MANAGAIR_IMAGE',
  forwarder: 'FORWARDER_IMAGE',
  worker: 'WORKER_IMAGE',
  'ttn-simulator': 'TTN_SIMULATOR_IMAGE',
};

function dockerBuild(dockerHost: string, ref: string, context: string, args: string[]) {
  return run('docker', ['build', '-q', '--network', 'none', '-t', ref, ...args, context], {
    cwd: root,
    env: { ...process.env, DOCKER_HOST: dockerHost, DOCKER_BUILDKIT: '0' },
  });
}

/**
 * The image of one service: its esbuild bundle from build/services on the offline Node runtime
 * (stack-templates/images/node-service/Dockerfile). The bundles must be fresh (npm run build).
 */
export async function buildServiceImages(
  dockerHost: string,
  nodeImage: string,
  refs: Record<ServiceName, string>,
): Promise<void> {
  await assertBundlesFresh();
  for (const name of serviceNames) {
    await dockerBuild(dockerHost, refs[name], bundles, [
      '-f',
      join(images, 'node-service/Dockerfile'),
      '--build-arg',
      `NODE_IMAGE=${nodeImage}`,
      '--build-arg',
      `SERVICE=${name}`,
    ]);
  }
}

/** The most recently changed TypeScript source under services/, which the bundles are made of. */
async function newestServiceSource(): Promise<{ path: string; mtimeMs: number }> {
  let newest = { path: '', mtimeMs: 0 };
  for (const entry of await readdir(serviceSources, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || /\.test\.ts$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const { mtimeMs } = await stat(path);
    if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  }
  return newest;
}

/**
 * The images bake in build/services; one older than the sources would test yesterday's code, so
 * the build refuses it instead (`npm run build` renews them, as scripts/test.sh does first).
 */
async function assertBundlesFresh(): Promise<void> {
  const source = await newestServiceSource();
  for (const name of serviceNames) {
    const bundle = join(bundles, `${name}.mjs`);
    const built = await stat(bundle).catch(() => undefined);
    if (!built) throw new Error(`${bundle} is missing: run \`npm run build\` first`);
    if (built.mtimeMs < source.mtimeMs) {
      throw new Error(`${bundle} is older than ${source.path}: run \`npm run build\` first`);
    }
  }
}

/** The images the stack templates name that the test environment does not already hold. */
export interface ClairStackImages {
  MANAGAIR_IMAGE: string;
  FORWARDER_IMAGE: string;
  WORKER_IMAGE: string;
  TTN_SIMULATOR_IMAGE: string;
  NGINX_IMAGE: string;
  CADDY_IMAGE: string;
}

/**
 * Builds the service images, nginx (its landing page) and caddy from stack-templates/images under
 * tags of this run, as scripts/images/build.sh builds them. Not through the builder itself: it
 * prunes the content-hash tags it supersedes, which other test files' environment still names.
 */
export async function buildClairStackImages(
  dockerHost: string,
  nodeImage: string,
  tag: string,
): Promise<ClairStackImages> {
  const build = (ref: string, context: string, args: string[]) => dockerBuild(dockerHost, ref, context, args);
  const refs = Object.fromEntries(serviceNames.map((name) => [name, `clair/${name}:${tag}`])) as Record<
    ServiceName,
    string
  >;
  await buildServiceImages(dockerHost, nodeImage, refs);
  const nginx = `clair/nginx:${tag}`;
  await build(nginx, join(images, 'nginx'), []);
  // The builder's context for caddy: the template folder plus Debian's caddy binary.
  const caddyContext = await mkdtemp(join(tmpdir(), 'clair-caddy-'));
  const caddy = `clair/caddy:${tag}`;
  try {
    await cp(join(images, 'caddy'), caddyContext, { recursive: true });
    await cp('/usr/bin/caddy', join(caddyContext, 'caddy'));
    await build(caddy, caddyContext, []);
  } finally {
    await rm(caddyContext, { recursive: true, force: true });
  }
  return {
    MANAGAIR_IMAGE: refs.managair,
    FORWARDER_IMAGE: refs.forwarder,
    WORKER_IMAGE: refs.worker,
    TTN_SIMULATOR_IMAGE: refs['ttn-simulator'],
    NGINX_IMAGE: nginx,
    CADDY_IMAGE: caddy,
  };
}
