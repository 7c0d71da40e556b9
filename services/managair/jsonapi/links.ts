import type { FastifyRequest } from 'fastify';

/**
 * Absolute URLs as DRF built them from the request (`build_absolute_uri`): the dashboard follows
 * `relationships.*.links.related` with the browser's cookies, so they must carry the public
 * origin (original-clients.md §5.2). `request.protocol` and `request.host` honour
 * X-Forwarded-Proto/-Host only when the app sets `trustProxy` (Traefik in front), which is the
 * app's choice, not this module's.
 */
export function absoluteUrl(request: Pick<FastifyRequest, 'protocol' | 'host'>, path: string): string {
  return `${request.protocol}://${request.host}${path}`;
}

/** The request's own absolute URL with its query, for pagination links. */
export function requestUrl(request: Pick<FastifyRequest, 'protocol' | 'host' | 'url'>): string {
  return absoluteUrl(request, request.url);
}
