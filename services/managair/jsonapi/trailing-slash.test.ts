import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { jsonApiRouterOptions } from './trailing-slash';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function build(routerOptions?: typeof jsonApiRouterOptions): FastifyInstance {
  app = Fastify(routerOptions ? { routerOptions } : {});
  void app.register(
    async (api) => {
      api.get('/', async () => ({ route: 'root' }));
      api.get('/quantities', async () => ({ route: 'quantities' }));
      api.get('/users/:id/', async (request) => ({ route: 'user', params: request.params }));
      api.get('/rooms/:id/airquality/:month', async (request) => ({ route: 'month', params: request.params }));
      api.delete('/rooms/:id/', async (_request, reply) => reply.code(204).send());
      api.post('/memberships/', async (_request, reply) => reply.code(201).send({ route: 'post' }));
    },
    { prefix: '/api/v1' },
  );
  return app;
}

describe('jsonApiRouterOptions (ignoreTrailingSlash)', () => {
  it.each([
    ['GET', '/api/v1', 200, { route: 'root' }],
    ['GET', '/api/v1/', 200, { route: 'root' }],
    ['GET', '/api/v1/quantities', 200, { route: 'quantities' }],
    ['GET', '/api/v1/quantities/', 200, { route: 'quantities' }],
    ['GET', '/api/v1/users/1', 200, { route: 'user', params: { id: '1' } }],
    ['GET', '/api/v1/users/1/', 200, { route: 'user', params: { id: '1' } }],
    ['GET', '/api/v1/rooms/1/airquality/2022-01', 200, { route: 'month', params: { id: '1', month: '2022-01' } }],
    ['GET', '/api/v1/rooms/1/airquality/2022-01/', 200, { route: 'month', params: { id: '1', month: '2022-01' } }],
    ['GET', '/api/v1/quantities?filter[organization]=1', 200, { route: 'quantities' }],
    ['GET', '/api/v1/quantities/?filter[organization]=1', 200, { route: 'quantities' }],
    ['POST', '/api/v1/memberships/', 201, { route: 'post' }],
    ['POST', '/api/v1/memberships', 201, { route: 'post' }],
  ] as const)('%s %s answers %i without a redirect', async (method, url, status, body) => {
    const response = await build(jsonApiRouterOptions).inject({ method, url });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual(body);
  });

  it.each(['/api/v1/rooms/5', '/api/v1/rooms/5/'])('DELETE %s answers 204', async (url) => {
    const response = await build(jsonApiRouterOptions).inject({ method: 'DELETE', url });
    expect(response.statusCode).toBe(204);
  });

  it('is what makes the slashless form work: without it, it is a 404', async () => {
    const response = await build().inject({ url: '/api/v1/quantities/' });
    expect(response.statusCode).toBe(404);
  });

  it('refuses a route registered in both forms by hand, so hand-made twins must go', async () => {
    app = Fastify({ routerOptions: jsonApiRouterOptions });
    app.post('/ingest/', async () => 1);
    expect(() => app!.post('/ingest', async () => 2)).toThrow(/already declared/);
  });
});
