import type { FastifyRequest } from 'fastify';

/** Where links in e-mails point: the configured public origin, else what the request was sent to. */
export function siteOrigin(request: FastifyRequest, publicOrigin: string | undefined): string {
  if (publicOrigin !== undefined) return new URL(publicOrigin).origin;
  return `${request.protocol}://${request.host}`;
}
