import { join } from 'node:path';

import { BrowserWindow } from 'electron';

import { appOrigin } from '../security/app-origin';

/** The one place where webPreferences are set. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    backgroundColor: '#f5f7f8',
    title: 'Clair control centre',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  // Showing only when the first paint is ready avoids a white flash.
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}

export function preloadPathBeside(mainBundleDir: string): string {
  return join(mainBundleDir, 'preload.cjs');
}
