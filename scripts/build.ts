/**
 * Builds everything that runs outside the test runner: the renderer (Vite), the Electron main
 * and preload bundles, the browser host and clairctl, and one self-contained bundle per service
 * for the offline images (which have no node_modules).
 */
import { build as esbuild, type BuildOptions } from 'esbuild';
import { build as viteBuild } from 'vite';

const node: BuildOptions = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

// ESM bundles of CommonJS dependencies still call require() for Node built-ins.
const requireShim = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

const services = ['managair', 'forwarder', 'worker'] as const;

await Promise.all([
  viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' }),
  // Electron loads main and the sandboxed preload as CommonJS; 'electron' is provided at run time.
  esbuild({
    ...node,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'build/electron/main.cjs',
    format: 'cjs',
    external: ['electron'],
    packages: 'external',
  }),
  esbuild({
    ...node,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'build/electron/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  }),
  // The host and clairctl run inside the repository, so they use its node_modules.
  esbuild({
    ...node,
    entryPoints: ['electron/host/main.ts'],
    outfile: 'build/electron/host.mjs',
    format: 'esm',
    packages: 'external',
  }),
  esbuild({
    ...node,
    entryPoints: ['electron/cli/clairctl.ts'],
    outfile: 'build/electron/clairctl.mjs',
    format: 'esm',
    packages: 'external',
  }),
  ...services.map((service) =>
    esbuild({
      ...node,
      entryPoints: [`services/${service}/main.ts`],
      outfile: `build/services/${service}.mjs`,
      format: 'esm',
      banner: { js: requireShim },
    }),
  ),
]);
console.log('Built build/renderer, build/electron and build/services.');
