/**
 * The renderer is served from this custom protocol, never from file:// (which would give every
 * local file the page's origin) or from a remote URL.
 */
export const appScheme = 'app';
export const appHost = 'clair';
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * Whether an IPC message comes from our own page's top frame: a subframe or a page that
 * navigated elsewhere gets nothing.
 * @see VS Code's validatedIpcMain for the same rule
 */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  if (!frameUrl || !isMainFrame) return false;
  if (!URL.canParse(frameUrl)) return false;
  // Compared by parts: outside Electron, URL reports the origin of a custom scheme as "null".
  const url = new URL(frameUrl);
  return url.protocol === `${appScheme}:` && url.host === appHost;
}
