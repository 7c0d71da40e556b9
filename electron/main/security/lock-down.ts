import { app, type Session, shell } from 'electron';

/**
 * Navigation, new windows and permissions are denied app-wide; links to the web open in the
 * user's browser, and only http(s) ones.
 */
export function lockDownContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void safeOpenExternal(url);
      return { action: 'deny' };
    });
  });
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export async function safeOpenExternal(url: string): Promise<void> {
  const protocol = URL.canParse(url) ? new URL(url).protocol : '';
  if (protocol === 'https:' || protocol === 'http:') await shell.openExternal(url);
}
