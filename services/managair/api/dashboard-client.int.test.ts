import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collection, single } from './test-documents';
import { type ApiRequest, type ApiTest, createApiTest } from './test-api';

/**
 * The original COMo dashboard and widget against this API, request by request as
 * original-clients.md §4 recorded them: the same URLs (both slash forms, brackets unencoded), the
 * same headers (JSON:API content type even on GETs, X-CSRFToken from the cookie on everything),
 * a cookie session from the /accounts/login/ form, and the fields §5.3 says the views read.
 */
let api: ApiTest;
beforeAll(async () => {
  api = await createApiTest();
});
afterAll(async () => {
  await api.close();
});

/** A browser's cookies for this one origin. */
class CookieJar {
  readonly cookies = new Map<string, { value: string; attributes: string }>();

  take(setCookie: unknown): void {
    for (const line of ([] as unknown[]).concat(setCookie ?? []) as string[]) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      this.cookies.set(name.trim(), { value, attributes: attributes.join(';') });
    }
  }

  header(): string {
    return [...this.cookies].map(([name, { value }]) => `${name}=${value}`).join('; ');
  }

  value(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }
}

const axiosJsonApi = {
  accept: 'application/vnd.api+json, application/json, text/plain, */*',
  'content-type': 'application/vnd.api+json',
};
const axiosPlain = { accept: 'application/json, text/plain, */*' };

async function signInThroughTheForm(jar: CookieJar, login: string, password: string) {
  const form = await api.app.inject({ url: '/accounts/login/' });
  expect(form.statusCode).toBe(200);
  jar.take(form.headers['set-cookie']);
  const hidden = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(form.body)?.[1];
  expect(hidden).toBeDefined();
  const posted = await api.app.inject({
    method: 'POST',
    url: '/accounts/login/',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: jar.header(),
      origin: 'http://localhost:80',
    },
    payload: new URLSearchParams({ csrfmiddlewaretoken: hidden!, login, password, next: '/dashboard' }).toString(),
  });
  expect(posted.statusCode).toBe(302);
  expect(posted.headers.location).toBe('/dashboard');
  jar.take(posted.headers['set-cookie']);
  return posted;
}

describe('the COMo dashboard without a session (§4a)', () => {
  it('is sent to the login page by a 401 from auth/user, and finds it there', async () => {
    const user = await api.request({ path: '/auth/user', headers: axiosPlain });
    expect(user.status).toBe(401);
    expect(user.headers['www-authenticate']).toBe('Token');
    const login = await api.app.inject({ url: '/accounts/login/' });
    expect(login.statusCode).toBe(200);
    expect(login.body).toMatch(/<form[^>]+action="\/accounts\/login\/"/);
  });
});

describe('the COMo dashboard with a session', () => {
  const jar = new CookieJar();
  const browser = (request: ApiRequest) =>
    api.request({
      ...request,
      headers: {
        ...axiosJsonApi,
        cookie: jar.header(),
        origin: 'http://localhost:80',
        ...(jar.value('csrftoken') ? { 'x-csrftoken': jar.value('csrftoken')! } : {}),
        ...request.headers,
      },
    });

  it('signs in through /accounts/login/ and gets sessionid (HttpOnly) and a script-readable csrftoken', async () => {
    const posted = await signInThroughTheForm(jar, 'tomTester', 'test');
    const cookies = ([] as string[]).concat(posted.headers['set-cookie'] ?? []);
    expect(cookies.find((c) => c.startsWith('sessionid='))).toMatch(/HttpOnly/i);
    const csrf = cookies.find((c) => c.startsWith('csrftoken='));
    expect(csrf).toMatch(/Path=\//);
    expect(csrf).not.toMatch(/HttpOnly/i);
  });

  it('boots as §4b: catalogue, own user, memberships, organization, team, inventory', async () => {
    for (const path of ['/quantities', '/protocols', '/models']) expect((await browser({ path })).status).toBe(200);
    const me = await browser({ path: '/auth/user', headers: axiosPlain });
    expect(me.status).toBe(200);
    const id = single(me).id;
    expect(single(await browser({ path: `/users/${id}/` })).attributes).toMatchObject({
      username: 'tomTester',
      email: 'tom.tester@test.de',
    });
    const memberships = collection(await browser({ path: `/users/${id}/memberships` }));
    expect(memberships.map((m) => m.attributes['role']).sort()).toEqual(['O', 'O']);
    const organizationId = (memberships[0]!.relationships!['organization']!.data as { id: string }).id;
    expect(single(await browser({ path: `/organizations/${organizationId}/` })).attributes).toHaveProperty('name');
    expect((await browser({ path: `/organizations/1/users/` })).status).toBe(200);
    const team = collection(await browser({ path: '/memberships?filter[organization]=1' }));
    expect(team.length).toBeGreaterThan(1);
    for (const member of team) {
      expect(member.attributes).toEqual(
        expect.objectContaining({
          role: expect.any(String),
          user_name: expect.any(String),
          organization_name: 'Test-Team',
        }),
      );
      const userId = (member.relationships!['user']!.data as { id: string }).id;
      expect((await browser({ path: `/users/${userId}` })).status).toBe(200);
    }
    const sites = await browser({ path: '/sites?filter[organization]=1' });
    const included = (sites.body as { included?: { type: string; attributes: Record<string, unknown> }[] }).included;
    expect(included?.find((r) => r.type === 'Address')?.attributes['street1']).toBe('Teststraße 1');
    for (const path of ['/rooms?filter[organization]=1', '/nodes?filter[organization]=1'])
      expect(collection(await browser({ path })).length).toBeGreaterThan(0);
    const installations = collection(await browser({ path: '/installations?filter[organization]=1' }));
    expect(installations[0]!.attributes).toEqual(
      expect.objectContaining({
        from_timestamp_s: expect.any(Number),
        to_timestamp_s: 2147483647,
        query_timestamp_s: expect.any(Number),
        latest_sample: expect.objectContaining({ co2_ppm: expect.any(Number) }),
      }),
    );
    expect(installations[0]!.relationships!['room']!.data).toEqual({ type: 'Room', id: '2' });
  });

  it('opens an installation as §4c: detail, room, air quality, one month of samples', async () => {
    expect((await browser({ path: '/installations/1' })).status).toBe(200);
    expect(single(await browser({ path: '/installations/1/room' })).attributes['name']).toBe('Testraum 2');
    const quality = await browser({ path: '/rooms/2/airquality?include_histogram=True' });
    expect(quality.status).toBe(200);
    expect(single(quality).type).toBe('room-airquality');
    const series = single(
      await browser({ path: '/installations/1?include_timeseries=1&filter[from]=1601510400&filter[to]=1604188800' }),
    ).attributes['timeseries'] as { timestamp_s: number }[];
    expect(series.length).toBeGreaterThan(0);
    expect(series.map((s) => s.timestamp_s)).toEqual([...series.map((s) => s.timestamp_s)].sort((a, b) => a - b));
  });

  it('writes as §4d, with the cookie’s CSRF token and string numbers', async () => {
    const room = await browser({
      method: 'PATCH',
      path: '/rooms/1/',
      body: {
        data: {
          id: '1',
          type: 'Room',
          attributes: {
            name: 'Klassenzimmer 1b',
            description: 'Fixture room',
            size_sqm: '60',
            height_m: '3',
            max_occupancy: '28',
          },
        },
      },
    });
    expect(room.status).toBe(200);
    expect(single(room).attributes).toMatchObject({ size_sqm: '60.0', height_m: '3.0', max_occupancy: 28 });

    const address = await browser({
      method: 'POST',
      path: '/addresses/',
      body: {
        data: { type: 'Address', attributes: { street1: 'Sportweg 2', street2: '', zip: '10117', city: 'Berlin' } },
      },
    });
    expect(address.status).toBe(201);
    const site = await browser({
      method: 'POST',
      path: '/sites/',
      body: {
        data: {
          type: 'Site',
          relationships: {
            operator: { data: { type: 'Organization', id: '1' } },
            address: { data: { type: 'Address', id: single(address).id } },
          },
          attributes: { name: 'Turnhalle', description: '' },
        },
      },
    });
    expect(site.status).toBe(201);

    const found = collection(await browser({ path: '/users?filter[search]=horst%40hilfsarbeiter.de' }));
    expect(found).toHaveLength(1);
    const membership = await browser({
      method: 'POST',
      path: '/memberships/',
      body: {
        data: {
          type: 'Membership',
          relationships: {
            organization: { data: { type: 'Organization', id: '1' } },
            user: { data: { type: 'User', id: found[0]!.id } },
          },
          attributes: {},
        },
      },
    });
    expect(membership.status).toBe(201);
    expect(single(membership).attributes['role']).toBe('I');
    const promoted = await browser({
      method: 'PATCH',
      path: `/memberships/${single(membership).id}/`,
      body: { data: { id: single(membership).id, type: 'Membership', attributes: { role: 'O' } } },
    });
    expect(single(promoted).attributes['role']).toBe('O');
    expect((await browser({ method: 'DELETE', path: `/memberships/${single(membership).id}` })).status).toBe(204);
    expect((await browser({ method: 'DELETE', path: `/sites/${single(site).id}` })).status).toBe(204);
  });

  it('refuses a write without the X-CSRFToken header, as Django did', async () => {
    const forged = await api.request({
      method: 'PATCH',
      path: '/rooms/1/',
      headers: { ...axiosJsonApi, cookie: jar.header() },
      body: { data: { id: '1', type: 'Room', attributes: { name: 'Forged' } } },
    });
    expect(forged.status).toBe(403);
    expect(single(await browser({ path: '/rooms/1' })).attributes['name']).toBe('Klassenzimmer 1b');
  });

  it('logs out with POST auth/logout/, after which the session is gone', async () => {
    const logout = await browser({ method: 'POST', path: '/auth/logout/', headers: axiosPlain });
    expect(logout.status).toBe(200);
    expect(logout.body).toEqual({ detail: expect.any(String) });
    expect((await browser({ path: '/auth/user', headers: axiosPlain })).status).toBe(401);
  });
});

describe('the embeddable widget, anonymous (§4c /embed/:siteId)', () => {
  it('reads the public site, its rooms, their installations and air quality', async () => {
    expect(single(await api.request({ path: '/sites/3' })).attributes['name']).toBe('Prüf-Site');
    const rooms = collection(await api.request({ path: '/sites/3/rooms' }));
    expect(rooms.map((r) => r.id)).toEqual(['4']);
    const installations = collection(await api.request({ path: '/rooms/4/installations' }));
    expect(installations.map((i) => [i.id, i.attributes['is_public']])).toEqual([['3', true]]);
    const quality = await api.request({ path: '/rooms/4/airquality' });
    expect(quality.status).toBe(200);
    expect(single(quality).attributes).toHaveProperty('clean_air_medal');
  });
});
