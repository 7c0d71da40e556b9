/**
 * What the window does with a link it may not follow itself: the app never navigates away from
 * its own page and never opens a second window; a web link opens in the user's browser, and
 * nothing else leaves the app (file:, javascript:, custom schemes that launch programs).
 * @see https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-creation-of-new-windows
 */
export function externalUrlToOpen(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const { protocol } = new URL(url);
  return protocol === 'https:' || protocol === 'http:' ? url : undefined;
}
