import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';

import { menuTemplate } from './menu-template';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('menuTemplate', () => {
  it('on macOS starts with the app menu and has no Help → About twin', () => {
    const menu = menuTemplate({ platform: 'darwin', isPackaged: true });
    expect(menu.map((item) => item.role ?? item.label)).toEqual([
      'appMenu',
      'fileMenu',
      'editMenu',
      'View',
      'windowMenu',
    ]);
  });

  it('on Linux and Windows has File (with Quit), Edit, View, Window and Help → About', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const menu = menuTemplate({ platform, isPackaged: true });
      expect(menu.map((item) => item.role ?? item.label)).toEqual([
        'fileMenu',
        'editMenu',
        'View',
        'windowMenu',
        'help',
      ]);
      expect(roles(menu)).toContain('about');
    }
  });

  it('offers zoom, full screen and reload everywhere, and the developer tools only unpackaged', () => {
    const packaged = roles(menuTemplate({ platform: 'linux', isPackaged: true }));
    expect(packaged).toEqual(expect.arrayContaining(['reload', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']));
    expect(packaged).not.toContain('toggleDevTools');
    expect(roles(menuTemplate({ platform: 'linux', isPackaged: false }))).toContain('toggleDevTools');
  });
});
