import { EventEmitter } from 'node:events';

import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's binary is not installed here: the module is replaced by the few parts lock-down uses.
const electron = vi.hoisted(() => {
  const created: ((event: unknown, contents: unknown) => void)[] = [];
  return {
    created,
    app: { on: (_name: 'web-contents-created', listener: (typeof created)[number]) => created.push(listener) },
    shell: { openExternal: vi.fn(async () => undefined) },
  };
});
vi.mock('electron', () => ({ app: electron.app, shell: electron.shell }));

import { denyAllPermissions, lockDownContents } from './lock-down';
import { externalUrlToOpen } from './navigation-policy';

class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

function createdContents(): FakeContents {
  const contents = new FakeContents();
  for (const listener of electron.created) listener({}, contents);
  return contents;
}

beforeEach(() => {
  electron.created.length = 0;
  electron.shell.openExternal.mockClear();
  lockDownContents();
});

describe('externalUrlToOpen', () => {
  it('lets only http(s) links leave the app', () => {
    expect(externalUrlToOpen('https://clair.example/docs')).toBe('https://clair.example/docs');
    expect(externalUrlToOpen('http://localhost:8888/')).toBe('http://localhost:8888/');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'not a url']) {
      expect(externalUrlToOpen(url), url).toBeUndefined();
    }
  });
});

describe('lockDownContents', () => {
  it('cancels every navigation and webview of every page', () => {
    const contents = createdContents();
    for (const name of ['will-navigate', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      contents.emit(name, event, 'https://evil.example/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
  });

  it('denies every new window, opening web links in the browser and nothing else', () => {
    const contents = createdContents();
    expect(contents.windowOpenHandler?.({ url: 'https://clair.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://clair.example/']]);
  });
});

describe('denyAllPermissions', () => {
  it('refuses every permission request and check', () => {
    let requestHandler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void = () =>
      undefined;
    let checkHandler: () => boolean = () => true;
    const session = {
      setPermissionRequestHandler: (handler: typeof requestHandler) => (requestHandler = handler),
      setPermissionCheckHandler: (handler: typeof checkHandler) => (checkHandler = handler),
    };
    denyAllPermissions(session as unknown as Parameters<typeof denyAllPermissions>[0]);

    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      requestHandler({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
    expect(checkHandler()).toBe(false);
  });
});
