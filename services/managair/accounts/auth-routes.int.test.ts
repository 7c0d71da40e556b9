import { createReadStream } from 'node:fs';
import { join } from 'node:path';

import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSmtpSink, type SmtpSink } from '../../../tests/support/smtp-sink';
import { loadFixture } from '../../fixtures/fixture-loader';
import { createFixtureTestDatabase, type FixtureTestDatabase } from '../../fixtures/fixture-test-database';
import { type AccountsTestApp, buildAccountsTestApp } from './accounts-test-app';
import { createMailer, type Mailer } from './mailer';
import { keyHash } from './secret-keys';

const jsonApi = 'application/vnd.api+json';
const origin = 'http://clair.test';
const limits = { windowSeconds: 900, perIdentifier: 3, perIp: 6 };

let test: FixtureTestDatabase;
let sink: SmtpSink;
let mailer: Mailer;
let accounts: AccountsTestApp;

beforeAll(async () => {
  test = await createFixtureTestDatabase();
  const client = await test.database.pool.connect();
  try {
    await loadFixture(client, {
      name: 'user-fixtures.json',
      open: () => createReadStream(join(import.meta.dirname, '../../fixtures/original/user-fixtures.json')),
      rereadable: true,
    });
  } finally {
    client.release();
  }
  sink = await startSmtpSink();
  mailer = createMailer({ host: sink.host, port: sink.port, secure: false, from: 'Clair <noreply@clair.test>' });
  accounts = buildAccountsTestApp({ db: test.database.db, mailer, publicOrigin: origin, loginLimits: limits });
});
afterAll(async () => {
  await accounts.app.close();
  mailer.close();
  await sink.close();
  await test.drop();
});

const db = () => test.database.db;

function login(attributes: Record<string, unknown>, headers: Record<string, string> = {}) {
  return accounts.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login/',
    headers: { 'content-type': jsonApi, ...headers },
    payload: JSON.stringify({ data: { type: 'LoginView', attributes } }),
  });
}

/** name=value of each Set-Cookie of a response. */
function cookies(response: LightMyRequestResponse): Record<string, { value: string; raw: string }> {
  const header = response.headers['set-cookie'];
  const list = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return Object.fromEntries(
    list.map((raw) => {
      const [pair = ''] = raw.split(';');
      const eq = pair.indexOf('=');
      return [pair.slice(0, eq), { value: pair.slice(eq + 1), raw }];
    }),
  );
}

interface Signed {
  key: string;
  session: string;
  csrf: string;
  cookie: string;
}

async function signIn(username: string, password: string): Promise<Signed> {
  const response = await login({ username, password });
  expect(response.statusCode, response.body).toBe(200);
  const set = cookies(response);
  const session = set.sessionid!.value;
  const csrf = set.csrftoken!.value;
  return {
    key: response.json<{ data: { attributes: { key: string } } }>().data.attributes.key,
    session,
    csrf,
    cookie: `sessionid=${session}; csrftoken=${csrf}`,
  };
}

const getUser = (headers: Record<string, string>) =>
  accounts.app.inject({ method: 'GET', url: '/api/v1/auth/user', headers });

describe('login', () => {
  it('signs in a fixture user by username, re-hashing the pbkdf2 password with scrypt', async () => {
    const before = await db()
      .selectFrom('users')
      .select('password')
      .where('username', '=', 'annaAngestellte')
      .executeTakeFirstOrThrow();
    expect(before.password).toMatch(/^pbkdf2_sha256\$/);
    const response = await login({ username: 'annaAngestellte', password: 'anna' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/vnd\.api\+json/);
    const body = response.json<{ data: { type: string; id: string; attributes: { key: string } } }>();
    expect(body.data.type).toBe('LoginView');
    expect(body.data.attributes.key).toMatch(/^[0-9a-f]{40}$/);
    const set = cookies(response);
    expect(set.sessionid!.raw).toMatch(/HttpOnly/);
    expect(set.sessionid!.raw).toMatch(/SameSite=Lax/);
    expect(set.sessionid!.raw).not.toMatch(/Secure/); // http public origin
    expect(set.csrftoken!.raw).not.toMatch(/HttpOnly/);
    expect(set.csrftoken!.raw).toMatch(/Path=\//);
    const after = await db()
      .selectFrom('users')
      .select(['password', 'last_login'])
      .where('username', '=', 'annaAngestellte')
      .executeTakeFirstOrThrow();
    expect(after.password).toMatch(/^scrypt\$/);
    expect(after.last_login).not.toBeNull();
    // Secrets are stored hashed only.
    const stored = await db().selectFrom('auth_tokens').select('key_hash').execute();
    expect(stored.map((t) => t.key_hash.toString('hex'))).toContain(keyHash(body.data.attributes.key).toString('hex'));
    expect(JSON.stringify(stored)).not.toContain(body.data.attributes.key);
  });

  it('signs in by e-mail, case-insensitively, with a plain JSON body and either URL form', async () => {
    const response = await accounts.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: { email: 'Horst@Hilfsarbeiter.DE', password: 'horst' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const byUsernameField = await login({ username: 'HORST@hilfsarbeiter.de', password: 'horst' });
    expect(byUsernameField.statusCode).toBe(200);
  });

  it('signs in the fixtures admin, who has no e-mail address rows', async () => {
    expect((await login({ username: 'admin', password: 'admin' })).statusCode).toBe(200);
  });

  it('refuses a wrong password and names the missing field', async () => {
    const wrong = await login({ username: 'veraVersuch', password: 'nope' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      errors: [{ status: '400', detail: 'Unable to log in with provided credentials.', source: { pointer: '/data' } }],
    });
    const missing = await login({ username: 'veraVersuch' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      errors: [{ code: 'required', source: { pointer: '/data/attributes/password' } }],
    });
    const noName = await login({ password: 'x' });
    expect(noName.json()).toMatchObject({ errors: [{ source: { pointer: '/data/attributes/username' } }] });
  });

  it('answers 429 with Retry-After after too many failures, per identifier, and recovers after the window', async () => {
    for (let i = 0; i < limits.perIdentifier; i++) {
      expect((await login({ username: 'priskaPrueferin', password: `wrong${i}` }, {})).statusCode).toBe(400);
    }
    const throttled = await login({ username: 'priskaPrueferin', password: 'priska' });
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(800);
    expect(throttled.json()).toMatchObject({ errors: [{ status: '429', code: 'throttled' }] });
    // Another identifier from the same address is still allowed.
    expect((await login({ username: 'tomTester', password: 'test' })).statusCode).toBe(200);
    accounts.advance(limits.windowSeconds + 1);
    expect((await login({ username: 'priskaPrueferin', password: 'priska' })).statusCode).toBe(200);
  });

  it('limits failures per client address across identifiers', async () => {
    const ip = { 'x-forwarded-for': '10.0.0.9' }; // not trusted: all injects come from 127.0.0.1
    await db().deleteFrom('login_attempts').execute();
    for (let i = 0; i < limits.perIp; i++) {
      expect((await login({ username: `nobody${i}`, password: 'x' }, ip)).statusCode).toBe(400);
    }
    const throttled = await login({ username: 'ingoInspekteur', password: 'ingo' });
    expect(throttled.statusCode).toBe(429);
    accounts.advance(limits.windowSeconds + 1);
  });
});

describe('tokens, sessions and CSRF', () => {
  let anna: Signed;
  beforeAll(async () => {
    anna = await signIn('annaAngestellte', 'anna');
  });

  it('authenticates a token', async () => {
    const response = await getUser({ authorization: `Token ${anna.key}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      data: {
        type: 'User',
        id: '5',
        attributes: {
          username: 'annaAngestellte',
          email: 'anna@angestellte.de',
          first_name: 'Anna',
          last_name: 'Angestellte',
        },
      },
    });
  });

  it('answers 401 for an unknown token and for anonymous requests', async () => {
    const bad = await getUser({ authorization: `Token ${'0'.repeat(40)}` });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ errors: [{ detail: 'Invalid token.' }] });
    expect((await getUser({})).statusCode).toBe(401);
    // An unknown session is anonymous, as Django treats it.
    expect((await getUser({ cookie: 'sessionid=unknown' })).statusCode).toBe(401);
  });

  it('authenticates a session for GET without a CSRF header', async () => {
    expect((await getUser({ cookie: anna.cookie })).statusCode).toBe(200);
  });

  it('needs the CSRF header equal to the cookie for unsafe session requests', async () => {
    const patch = (headers: Record<string, string>) =>
      accounts.app.inject({
        method: 'PATCH',
        url: '/api/v1/auth/user/',
        headers: { 'content-type': jsonApi, ...headers },
        payload: JSON.stringify({ data: { type: 'User', id: '5', attributes: { first_name: 'Anne' } } }),
      });
    const missing = await patch({ cookie: anna.cookie });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ errors: [{ code: 'csrf_failed' }] });
    expect((await patch({ cookie: anna.cookie, 'x-csrftoken': 'f'.repeat(64) })).statusCode).toBe(403);
    const foreign = await patch({ cookie: anna.cookie, 'x-csrftoken': anna.csrf, origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    const ok = await patch({ cookie: anna.cookie, 'x-csrftoken': anna.csrf, origin: 'http://localhost:80' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ data: { attributes: { first_name: 'Anne' } } });
    // A token request needs no CSRF, even with a foreign Origin.
    const byToken = await patch({ authorization: `Token ${anna.key}`, origin: 'https://evil.example' });
    expect(byToken.statusCode).toBe(200);
  });

  it('updates the user with PUT and PATCH, e-mail read-only, naming bad fields', async () => {
    const auth = { authorization: `Token ${anna.key}`, 'content-type': jsonApi };
    const put = await accounts.app.inject({
      method: 'PUT',
      url: '/api/v1/auth/user',
      headers: auth,
      payload: JSON.stringify({
        data: {
          type: 'User',
          id: '5',
          attributes: { username: 'annaAngestellte', first_name: 'Anna', last_name: 'A.', email: 'x@y.z' },
        },
      }),
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ data: { attributes: { last_name: 'A.', email: 'anna@angestellte.de' } } });
    const taken = await accounts.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/user',
      headers: auth,
      payload: JSON.stringify({ data: { type: 'User', id: '5', attributes: { username: 'tomTester' } } }),
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.json()).toMatchObject({
      errors: [{ code: 'unique', source: { pointer: '/data/attributes/username' } }],
    });
    const long = await accounts.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/user',
      headers: auth,
      payload: JSON.stringify({ data: { type: 'User', id: '5', attributes: { first_name: 'x'.repeat(151) } } }),
    });
    expect(long.json()).toMatchObject({ errors: [{ source: { pointer: '/data/attributes/first_name' } }] });
  });

  it('logout deletes the session and the tokens', async () => {
    const other = await signIn('annaAngestellte', 'anna');
    const response = await accounts.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout/',
      headers: { cookie: anna.cookie, 'x-csrftoken': anna.csrf },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ detail: 'Successfully logged out.' });
    expect(cookies(response).sessionid!.raw).toMatch(/Max-Age=0/);
    expect((await getUser({ cookie: anna.cookie })).statusCode).toBe(401);
    expect((await getUser({ authorization: `Token ${anna.key}` })).statusCode).toBe(401);
    expect((await getUser({ authorization: `Token ${other.key}` })).statusCode).toBe(401);
  });
});

describe('passwords', () => {
  it('changes the password, checking the old one and the rules', async () => {
    const vera = await signIn('veraVersuch', 'versuch');
    const change = (attributes: Record<string, string>) =>
      accounts.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password/change',
        headers: { authorization: `Token ${vera.key}`, 'content-type': jsonApi },
        payload: JSON.stringify({ data: { type: 'PasswordChangeView', attributes } }),
      });
    const wrongOld = await change({ old_password: 'x', new_password1: 'Tr1cky-Horse', new_password2: 'Tr1cky-Horse' });
    expect(wrongOld.json()).toMatchObject({ errors: [{ source: { pointer: '/data/attributes/old_password' } }] });
    const weak = await change({ old_password: 'versuch', new_password1: '12345678', new_password2: '12345678' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ errors: [{ source: { pointer: '/data/attributes/new_password2' } }] });
    const ok = await change({ old_password: 'versuch', new_password1: 'Tr1cky-Horse', new_password2: 'Tr1cky-Horse' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await login({ username: 'veraVersuch', password: 'versuch' })).statusCode).toBe(400);
    expect((await login({ username: 'veraVersuch', password: 'Tr1cky-Horse' })).statusCode).toBe(200);
  });

  it('mails a single-use reset link, and answers the same for unknown addresses', async () => {
    const reset = (email: string) =>
      accounts.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password/reset/',
        headers: { 'content-type': jsonApi },
        payload: JSON.stringify({ data: { type: 'PasswordResetView', attributes: { email } } }),
      });
    const unknown = await reset('nobody@nowhere.example');
    const known = await reset('INGO@inspekteur.de');
    expect(unknown.statusCode).toBe(200);
    expect(known.statusCode).toBe(200);
    expect(unknown.body).toBe(known.body);
    const mail = await sink.waitFor((m) => m.to.includes('INGO@inspekteur.de'));
    expect(mail.subject).toBe('[Clair Plattform] Password Reset E-mail');
    expect(mail.text).toContain('Hello from Clair Plattform!');
    expect(mail.text).toContain('your username is ingoInspekteur');
    const link = /http:\/\/clair\.test\/accounts\/password\/reset\/key\/([A-Za-z0-9_-]+)\//.exec(mail.text);
    expect(link).not.toBeNull();
    const confirm = (token: string, password: string) =>
      accounts.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password/reset/confirm/',
        headers: { 'content-type': jsonApi },
        payload: JSON.stringify({
          data: {
            type: 'PasswordResetConfirmView',
            attributes: { uid: '6', token, new_password1: password, new_password2: password },
          },
        }),
      });
    const done = await confirm(link![1]!, 'Neues-Passwort-7');
    expect(done.statusCode, done.body).toBe(200);
    const again = await confirm(link![1]!, 'Anderes-Passwort-8');
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ errors: [{ source: { pointer: '/data/attributes/token' } }] });
    expect((await login({ username: 'ingoInspekteur', password: 'Neues-Passwort-7' })).statusCode).toBe(200);
    expect(sink.messages.some((m) => m.to.includes('nobody@nowhere.example'))).toBe(false);
  });

  it('never logs a password, token or session key', async () => {
    const logs = accounts.logs();
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of ['"anna"', 'Tr1cky-Horse', 'Neues-Passwort-7', 'versuch']) expect(logs).not.toContain(secret);
    const keys = await db().selectFrom('auth_tokens').select('key_hash').execute();
    expect(keys.length).toBeGreaterThan(0);
    expect(logs).not.toMatch(/[0-9a-f]{40}/);
    expect(logs).not.toMatch(/sessionid=/);
  });
});
