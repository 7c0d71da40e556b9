import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface BrowserCommand {
  command: string;
  args: string[];
}

/** Whether `name` is an executable on env.PATH. */
export function onPath(name: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * How to show `url` in the user's browser, or undefined where there is none: on Linux only with
 * a graphical session (xdg-open on a server would start a text browser or fail). No shell is
 * involved, so nothing in the URL is interpreted.
 */
export function browserCommand(
  url: string,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  hasCommand: (name: string) => boolean,
): BrowserCommand | undefined {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  const graphical = [env.DISPLAY, env.WAYLAND_DISPLAY].some(Boolean);
  return graphical && hasCommand('xdg-open') ? { command: 'xdg-open', args: [url] } : undefined;
}

/** Starts the browser and lets it live on its own; a browser that fails to start is no error of ours. */
export function openBrowser({ command, args }: BrowserCommand): void {
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}
