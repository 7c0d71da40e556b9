import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';

import { absoluteUrl, requestUrl } from './links';

describe('absoluteUrl and requestUrl', () => {
  it('use the Host header, and the forwarded origin behind a trusted proxy', async () => {
    for (const [trustProxy, expected] of [
      [false, 'http://internal:8000'],
      [true, 'https://clair.example'],
    ] as const) {
      const app = Fastify({ trustProxy });
      app.get('/api/v1/sites/', async (request) => ({
        related: absoluteUrl(request, '/api/v1/sites/1/rooms/'),
        self: requestUrl(request),
      }));
      const response = await app.inject({
        url: '/api/v1/sites/?filter[organization]=1',
        headers: { host: 'internal:8000', 'x-forwarded-host': 'clair.example', 'x-forwarded-proto': 'https' },
      });
      expect(response.json()).toEqual({
        related: `${expected}/api/v1/sites/1/rooms/`,
        self: `${expected}/api/v1/sites/?filter[organization]=1`,
      });
      await app.close();
    }
  });
});
