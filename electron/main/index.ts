import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { app, type BrowserWindow, Menu, safeStorage, session } from 'electron';

import { createCore } from '../core/handlers';
import { stateDirectory } from '../core/workspace/state-directory';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpcRouter } from './ipc/ipc-router';
import { menuTemplate } from './menu/menu-template';
import { createSafeStorageSecretStore } from './secrets/safe-storage-secret-store';
import { denyAllPermissions, lockDownContents } from './security/lock-down';
import { createMainWindow, preloadPathBeside } from './window/create-main-window';

// The bundle lives in build/electron/; the repository (environments/, package.json) is two up.
const root = resolve(__dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

// One control centre per user: a second start focuses the first window and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  // Every renderer sandboxed, whatever a window's webPreferences would say.
  app.enableSandbox();
  registerAppScheme();
  lockDownContents();

  let mainWindow: BrowserWindow | undefined;
  const showWindow = (): void => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow(preloadPathBeside(__dirname));
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  };

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    serveRenderer(join(root, 'build', 'renderer'));
    app.setAboutPanelOptions({ applicationName: 'Clair control centre', applicationVersion: version });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(menuTemplate({ platform: process.platform, isPackaged: app.isPackaged })),
    );
    const core = createCore({
      shell: 'electron',
      version,
      root,
      env: process.env,
      logError: (message, error) => console.error(message, error),
      // safeStorage answers only once the app is ready; its own file, as its values are ciphertext.
      secretStore: createSafeStorageSecretStore(
        join(stateDirectory(process.env), 'secrets.safe-storage.json'),
        safeStorage,
      ),
    });
    registerIpcRouter(core.dispatcher);
    showWindow();
    app.on('second-instance', showWindow);
    // macOS keeps apps running without windows; clicking the Dock icon opens one again.
    app.on('activate', showWindow);
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
