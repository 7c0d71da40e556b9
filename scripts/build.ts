/**
 * Builds everything that runs outside the test runner: the renderer (Vite), the Electron main
 * and preload bundles, the browser host and clairctl, and one self-contained bundle per service
 * for the offline images (which have no node_modules).
 */
import { build as esbuild, type BuildOptions, type Plugin } from 'esbuild';
import { build as viteBuild } from 'vite';

const node: BuildOptions = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

// ESM bundles of CommonJS dependencies still call require() for Node built-ins.
// Aliased, since a bundled module may import createRequire itself.
const requireShim =
  "import { createRequire as createRequireShim } from 'node:module'; const require = createRequireShim(import.meta.url);";

// ttn-simulator is the dev stack's simulated sensors (services/ttn-simulator/README.md).
const services = ['managair', 'forwarder', 'worker', 'ttn-simulator'] as const;

// Node's ESM resolver needs the file extension in a deep import of a package without an exports
// map (the core imports `ajv/dist/2019`); the external import gets it added.
const deepImportsWithExtension: Plugin = {
  name: 'deep-imports-with-extension',
  setup(build) {
    build.onResolve({ filter: /^ajv\/dist\/[^.]+$/ }, (args) => ({ path: `${args.path}.js`, external: true }));
  },
};

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
    // The core is ESM and uses import.meta.url (createRequire); CommonJS has it as __filename.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  esbuild({
    ...node,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'build/electron/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  }),
  // The host runs inside the repository, so it uses its node_modules.
  esbuild({
    ...node,
    entryPoints: ['electron/host/main.ts'],
    outfile: 'build/electron/host.mjs',
    format: 'esm',
    packages: 'external',
    plugins: [deepImportsWithExtension],
  }),
  // clairctl, the package's bin (its shebang is kept), bundles what Node's ESM resolver could not
  // load as core imports it (`ajv/dist/2019`); ssh2 and dockerode keep their optional native parts.
  esbuild({
    ...node,
    entryPoints: ['electron/cli/clairctl.ts'],
    outfile: 'build/electron/clairctl.mjs',
    format: 'esm',
    external: ['dockerode', 'ssh2'],
    banner: { js: requireShim },
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
