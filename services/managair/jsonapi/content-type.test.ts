import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { acceptsJsonApi, installJsonApiBodyParsers, requireAcceptable } from './content-type';

describe('acceptsJsonApi', () => {
  it.each([
    [undefined],
    [''],
    ['application/vnd.api+json, application/json, text/plain, */*'],
    ['application/json, text/plain, */*'],
    ['application/vnd.api+json'],
    ['application/vnd.api+json; charset=utf-8'],
    ['application/json'],
    ['application/*'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
  ])('accepts %j', (accept) => {
    expect(acceptsJsonApi(accept)).toBe(true);
  });

  it.each([['text/html'], ['text/plain'], ['application/xml, text/*'], ['application/vnd.api+json;q=0, text/html']])(
    'refuses %j',
    (accept) => {
      expect(acceptsJsonApi(accept)).toBe(false);
    },
  );
});

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function build(): FastifyInstance {
  app = Fastify();
  void app.register(async (api) => {
    installJsonApiBodyParsers(api);
    api.addHook('onRequest', requireAcceptable);
    const echo = async (request: { body: unknown }) => ({ body: request.body ?? 'none' });
    api.get('/rooms', echo);
    api.post('/rooms', echo);
    api.patch('/rooms/1', echo);
    api.delete('/rooms/5', echo);
  });
  return app;
}

const vnd = 'application/vnd.api+json';

describe('installJsonApiBodyParsers', () => {
  it('parses a JSON:API body, with or without a charset, and plain JSON', async () => {
    const payload = '{"data":{"id":"2","type":"Membership","attributes":{"role":"O"}}}';
    for (const type of [vnd, `${vnd}; charset=utf-8`, 'application/json']) {
      const response = await build().inject({
        method: 'PATCH',
        url: '/rooms/1',
        headers: { 'content-type': type },
        payload,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ body: JSON.parse(payload) as unknown });
      await app?.close();
    }
  });

  it('takes an empty body as no body, on DELETE, POST (logout) and GET, as the dashboard sends them', async () => {
    for (const [method, url] of [
      ['DELETE', '/rooms/5'],
      ['POST', '/rooms'],
      ['GET', '/rooms'],
    ] as const) {
      const response = await build().inject({ method, url, headers: { 'content-type': vnd } });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ body: 'none' });
      await app?.close();
    }
  });

  it('refuses malformed JSON with 400 and text/plain with 415', async () => {
    const bad = await build().inject({
      method: 'POST',
      url: '/rooms',
      headers: { 'content-type': vnd },
      payload: '{"data":',
    });
    expect(bad.statusCode).toBe(400);
    const text = await app!.inject({
      method: 'POST',
      url: '/rooms',
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(text.statusCode).toBe(415);
  });
});

describe('requireAcceptable', () => {
  it('answers what the clients send, and 406 with a JSON:API error otherwise', async () => {
    const ok = await build().inject({ url: '/rooms', headers: { accept: 'application/json, text/plain, */*' } });
    expect(ok.statusCode).toBe(200);
    const refused = await app!.inject({ url: '/rooms', headers: { accept: 'text/html' } });
    expect(refused.statusCode).toBe(406);
    expect(refused.json()).toEqual({
      errors: [
        {
          status: '406',
          code: 'not_acceptable',
          title: 'Not Acceptable',
          detail: 'Responses are application/vnd.api+json; the Accept header does not allow it.',
        },
      ],
    });
  });
});
