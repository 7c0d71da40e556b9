/**
 * Both URL forms, with and without the trailing slash, for every route: the dashboard mixes them
 * (`GET quantities`, `DELETE rooms/5`, but `GET users/1/`, `POST memberships/`;
 * original-clients.md §5.2), where Django answered the slashless GET and DELETE with an
 * APPEND_SLASH redirect.
 *
 * No code is needed for it: Fastify 5's router option `ignoreTrailingSlash` makes every route
 * answer both forms, under a plugin prefix too (`/api/v1` and `/api/v1/`), with path parameters
 * and a query string, for every method, without a redirect (trailing-slash.test.ts shows each).
 * It is a router option, so it is set where the instance is built:
 * `Fastify({ routerOptions: jsonApiRouterOptions, … })`. The top-level `ignoreTrailingSlash`
 * still works but is deprecated in Fastify 5 (FSTDEP022) and goes in Fastify 6.
 *
 * Beware: with the option on, registering both `/x` and `/x/` is a duplicate route and Fastify
 * refuses to start, so routes written for both forms by hand (ingest-routes.ts registers
 * `/ingest/` and `/ingest`) must register one form once the option is turned on.
 */
export const jsonApiRouterOptions = { ignoreTrailingSlash: true } as const;
