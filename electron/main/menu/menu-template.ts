import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** The developer tools are for a development build, not for users of the packaged app. */
  isPackaged: boolean;
}

/**
 * The application menu as data. Built from Electron's roles, so the labels, accelerators
 * (Ctrl/Cmd+C, Ctrl/Cmd+Q, Ctrl/Cmd+0…) and their native behaviour are what each platform's
 * users expect; on macOS the Edit menu is also what makes copy and paste work in text fields.
 */
export function menuTemplate({ platform, isPackaged }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [{ role: 'about' }] };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      ...(isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return [
    // macOS names the first menu after the app: About, Services, Hide, Quit.
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    // Close Window on macOS, Quit elsewhere.
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    // macOS has About in the app menu; elsewhere it is under Help.
    ...(mac ? [] : [help]),
  ];
}
