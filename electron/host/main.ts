import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { createCore } from '../core/handlers';
import { startHost } from './host-server';
import { browserCommand, onPath, openBrowser } from './open-browser';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    root: { type: 'string', default: process.cwd() },
    // Also show the address in the user's browser, where this machine has one.
    open: { type: 'boolean', default: false },
  },
});

const root = resolve(values.root);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}"`);
  process.exit(2);
}
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

const core = createCore({
  shell: 'browser',
  version,
  root,
  env: process.env,
  logError: (message, error) => console.error(message, error),
});
const host = await startHost({
  rendererDir: resolve(root, 'build/renderer'),
  dispatcher: core.dispatcher,
  port,
  log: (message) => console.log(message),
});
console.log(`Open the control centre at: ${host.url}`);
if (values.open) {
  const browser = browserCommand(host.url, process.platform, process.env, (name) => onPath(name, process.env));
  if (browser) openBrowser(browser);
  console.log(
    browser
      ? 'Opened it in your browser.'
      : 'No browser here (no graphical session): open the address above in a browser on this machine.',
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void Promise.all([host.close(), core.dispose()]).then(() => process.exit(0)));
}
