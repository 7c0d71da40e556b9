import { describe, expect, it } from 'vitest';

import { browserCommand, onPath } from './open-browser';

const url = 'http://127.0.0.1:40123/#token=abc';
const everything = () => true;

describe('browserCommand', () => {
  it('uses the desktop’s opener on macOS and Windows', () => {
    expect(browserCommand(url, 'darwin', {}, everything)).toEqual({ command: 'open', args: [url] });
    expect(browserCommand(url, 'win32', {}, everything)).toEqual({
      command: 'rundll32',
      args: ['url.dll,FileProtocolHandler', url],
    });
  });

  it('on Linux opens with xdg-open only in a graphical session', () => {
    expect(browserCommand(url, 'linux', { DISPLAY: ':0' }, everything)).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserCommand(url, 'linux', { WAYLAND_DISPLAY: 'wayland-0' }, everything)?.command).toBe('xdg-open');
    expect(browserCommand(url, 'linux', {}, everything)).toBeUndefined();
    expect(browserCommand(url, 'linux', { DISPLAY: ':0' }, () => false)).toBeUndefined();
  });
});

describe('onPath', () => {
  it('finds executables on PATH and nothing else', () => {
    expect(onPath('node', process.env)).toBe(true);
    expect(onPath('elmh-no-such-program', process.env)).toBe(false);
    expect(onPath('node', { PATH: '' })).toBe(false);
  });
});
