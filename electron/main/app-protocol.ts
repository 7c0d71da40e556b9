import { join, normalize, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

import { net, protocol } from 'electron';

import { contentSecurityPolicy, frameAncestorsNone } from '../core/security/content-security-policy';
import { appHost, appScheme } from './security/app-origin';

/** Must run before app 'ready': app:// behaves like a secure, standard web origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true } }]);
}

/** Serves the built renderer from app://clair/, with the CSP header, and nothing outside its folder. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = normalize(join(rendererDir, decodeURIComponent(url.pathname)));
    if (url.host !== appHost || relative(rendererDir, file).startsWith('..')) {
      return new Response('Not found', { status: 404 });
    }
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', `${contentSecurityPolicy}; ${frameAncestorsNone}`);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
