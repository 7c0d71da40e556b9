import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { app, session } from 'electron';

import { createCore } from '../core/handlers';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpcRouter } from './ipc/ipc-router';
import { denyAllPermissions, lockDownContents } from './security/lock-down';
import { createMainWindow, preloadPathBeside } from './window/create-main-window';

// The bundle lives in build/electron/; the repository (environments/, package.json) is two up.
const root = resolve(__dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

if (!app.requestSingleInstanceLock()) app.quit();
registerAppScheme();
lockDownContents();

void app.whenReady().then(() => {
  denyAllPermissions(session.defaultSession);
  serveRenderer(join(root, 'build', 'renderer'));
  const core = createCore({
    shell: 'electron',
    version,
    root,
    env: process.env,
    logError: (message, error) => console.error(message, error),
  });
  registerIpcRouter(core.dispatcher);
  createMainWindow(preloadPathBeside(__dirname));
});

app.on('window-all-closed', () => app.quit());
