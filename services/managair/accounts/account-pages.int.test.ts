import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSmtpSink, type SmtpSink } from '../../../tests/support/smtp-sink';
import { createFixtureTestDatabase, type FixtureTestDatabase } from '../../fixtures/fixture-test-database';
import { type AccountsTestApp, buildAccountsTestApp } from './accounts-test-app';
import { createSuperuser } from './create-superuser';
import { createMailer, type Mailer } from './mailer';

const origin = 'https://clair.test';
let test: FixtureTestDatabase;
let sink: SmtpSink;
let mailer: Mailer;
let accounts: AccountsTestApp;
let noMail: AccountsTestApp;

beforeAll(async () => {
  test = await createFixtureTestDatabase();
  await createSuperuser(test.database.db, { username: 'root', email: 'root@clair.test', password: 'Sehr-Geheim-42' });
  sink = await startSmtpSink();
  mailer = createMailer({ host: sink.host, port: sink.port, secure: false, from: 'Clair <noreply@clair.test>' });
  accounts = buildAccountsTestApp({ db: test.database.db, mailer, publicOrigin: origin });
  noMail = buildAccountsTestApp({ db: test.database.db, mailer: null });
});
afterAll(async () => {
  await accounts.app.close();
  await noMail.app.close();
  mailer.close();
  await sink.close();
  await test.drop();
});

/** A browser, as far as cookies go. */
class Browser {
  readonly jar = new Map<string, string>();
  constructor(private readonly app: () => AccountsTestApp) {}

  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  #keep(response: LightMyRequestResponse): LightMyRequestResponse {
    const header = response.headers['set-cookie'];
    for (const raw of header === undefined ? [] : Array.isArray(header) ? header : [header]) {
      const [pair = ''] = raw.split(';');
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1);
      if (/Max-Age=0/.test(raw)) this.jar.delete(pair.slice(0, eq));
      else this.jar.set(pair.slice(0, eq), value);
    }
    return response;
  }

  async get(url: string) {
    return this.#keep(await this.app().app.inject({ method: 'GET', url, headers: { cookie: this.cookie } }));
  }

  /** Posts the form of the page at `url` (its hidden CSRF field included) with these fields. */
  async submit(url: string, fields: Record<string, string>, action = url) {
    const form = await this.get(url);
    const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    return this.post(action, { csrfmiddlewaretoken: token, ...fields });
  }

  async post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.#keep(
      await this.app().app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: new URLSearchParams(fields).toString(),
      }),
    );
  }
}

describe('the login page', () => {
  it('renders a branded form with a strict CSP and sets a readable csrftoken cookie', async () => {
    const browser = new Browser(() => accounts);
    const response = await browser.get('/accounts/login/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(response.headers['content-security-policy']).toMatch(/form-action 'self'/);
    expect(response.body).toContain('My Clair Account');
    expect(String(response.headers['set-cookie'])).toMatch(/^csrftoken=[0-9a-f]{64}; Path=\/; .*SameSite=Lax; Secure$/);
    expect(browser.jar.get('csrftoken')).toBeDefined();
  });

  it('signs in a superuser by e-mail and goes to the dashboard, or to a same-site next', async () => {
    const browser = new Browser(() => accounts);
    const response = await browser.submit('/accounts/login/', { login: 'ROOT@clair.test', password: 'Sehr-Geheim-42' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/dashboard');
    expect(response.headers['set-cookie']).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^sessionid=[\w-]+; Path=\/; Max-Age=1209600; SameSite=Lax; HttpOnly; Secure$/),
      ]),
    );
    const other = new Browser(() => accounts);
    const next = await other.submit(
      '/accounts/login/?next=/dashboard/sites/3',
      {
        login: 'root',
        password: 'Sehr-Geheim-42',
        next: '/dashboard/sites/3',
      },
      '/accounts/login/',
    );
    expect(next.headers.location).toBe('/dashboard/sites/3');
    const evil = await new Browser(() => accounts).submit('/accounts/login/', {
      login: 'root',
      password: 'Sehr-Geheim-42',
      next: '//evil.example/',
    });
    expect(evil.headers.location).toBe('/dashboard');
  });

  it('re-renders with the error and the escaped login, never the password', async () => {
    const browser = new Browser(() => accounts);
    const response = await browser.submit('/accounts/login/', {
      login: '<script>alert(1)</script>',
      password: 'pw"><b>',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The username and/or password you specified are not correct.');
    expect(response.body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(response.body).not.toContain('<script>');
    expect(response.body).not.toContain('pw"');
  });

  it('refuses a post without the CSRF field or from another origin', async () => {
    const browser = new Browser(() => accounts);
    await browser.get('/accounts/login/');
    const missing = await browser.post('/accounts/login/', { login: 'root', password: 'Sehr-Geheim-42' });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('CSRF verification failed');
    const token = browser.jar.get('csrftoken')!;
    const foreign = await browser.post(
      '/accounts/login/',
      { csrfmiddlewaretoken: token, login: 'root', password: 'Sehr-Geheim-42' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.statusCode).toBe(403);
  });
});

describe('sign-up', () => {
  it('shows the password hints, keeps entries and names each bad field', async () => {
    const browser = new Browser(() => accounts);
    const form = await browser.get('/accounts/signup/');
    expect(form.body).toContain('Your password must contain at least 8 characters.');
    const response = await browser.submit('/accounts/signup/', {
      username: 'root',
      email: 'new@clair.test',
      password1: 'short',
      password2: 'short',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/id="error_username">A user with that username already exists/);
    expect(response.body).toMatch(/id="error_password1">This password is too short/);
    expect(response.body).toContain('value="new@clair.test"');
    expect(response.body).not.toContain('value="short"');
  });

  it('mails a confirmation; the account cannot sign in before it is confirmed, and can after', async () => {
    const browser = new Browser(() => accounts);
    const created = await browser.submit('/accounts/signup/', {
      username: 'neueNutzerin',
      email: 'neu@clair.test',
      password1: 'Luftqualitaet-9',
      password2: 'Luftqualitaet-9',
    });
    expect(created.statusCode, created.body).toBe(302);
    expect(created.headers.location).toBe('/accounts/confirm-email/');
    const mail = await sink.waitFor((m) => m.to.includes('neu@clair.test'));
    expect(mail.subject).toBe('[Clair Plattform] Please Confirm Your E-mail Address');
    expect(mail.text).toContain('user neueNutzerin has given your e-mail address to register an account on clair.test');
    const url = /https:\/\/clair\.test(\/accounts\/confirm-email\/[\w-]+\/)/.exec(mail.text)![1]!;

    const early = await browser.submit('/accounts/login/', { login: 'neueNutzerin', password: 'Luftqualitaet-9' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('not verified');
    // Within allauth's cooldown no second mail goes out; after it, a failed login sends one.
    expect(early.body).not.toContain('new confirmation e-mail');
    accounts.advance(181);
    const late = await browser.submit('/accounts/login/', { login: 'neueNutzerin', password: 'Luftqualitaet-9' });
    expect(late.body).toContain('We have sent you a new confirmation e-mail');
    await sink.waitFor((m) => m.to.includes('neu@clair.test') && m !== mail);
    const api = await accounts.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: { username: 'neueNutzerin', password: 'Luftqualitaet-9' },
    });
    expect(api.json()).toMatchObject({ errors: [{ code: 'unverified' }] });

    const page = await browser.get(url);
    expect(page.body).toContain('neu@clair.test');
    const confirmed = await browser.submit(url, {});
    expect(confirmed.statusCode).toBe(200);
    const used = await browser.post(url, { csrfmiddlewaretoken: browser.jar.get('csrftoken')! });
    expect(used.statusCode).toBe(404);

    const login = await browser.submit('/accounts/login/', { login: 'neu@clair.test', password: 'Luftqualitaet-9' });
    expect(login.statusCode).toBe(302);
    const emails = await browser.get('/accounts/email/');
    expect(emails.body).toMatch(/neu@clair\.test<\/td>\s*<td>Verified<\/td>\s*<td>Primary/);
  });

  it('says so when the server sends no mail', async () => {
    const response = await new Browser(() => noMail).get('/accounts/signup/');
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('This server sends no e-mail');
  });
});

describe('passwords and sessions', () => {
  it('changes the password, resets it by mail once, and logs out', async () => {
    const browser = new Browser(() => accounts);
    expect((await browser.get('/accounts/password/change/')).headers.location).toBe(
      '/accounts/login/?next=%2Faccounts%2Fpassword%2Fchange%2F',
    );
    await browser.submit('/accounts/login/', { login: 'root', password: 'Sehr-Geheim-42' });
    const wrong = await browser.submit('/accounts/password/change/', {
      oldpassword: 'nope',
      password1: 'Noch-Geheimer-43',
      password2: 'Noch-Geheimer-43',
    });
    expect(wrong.body).toMatch(/id="error_oldpassword"/);
    const changed = await browser.submit('/accounts/password/change/', {
      oldpassword: 'Sehr-Geheim-42',
      password1: 'Noch-Geheimer-43',
      password2: 'Noch-Geheimer-43',
    });
    expect(changed.body).toContain('Password successfully changed.');

    const reset = await new Browser(() => accounts).submit('/accounts/password/reset/', { email: 'root@clair.test' });
    expect(reset.headers.location).toBe('/accounts/password/reset/done/');
    const mail = await sink.waitFor(
      (m) => m.subject.endsWith('Password Reset E-mail') && m.to.includes('root@clair.test'),
    );
    const url = /https:\/\/clair\.test(\/accounts\/password\/reset\/key\/[\w-]+\/)/.exec(mail.text)![1]!;
    const stranger = new Browser(() => accounts);
    const done = await stranger.submit(url, { password1: 'Dritte-Version-44', password2: 'Dritte-Version-44' });
    expect(done.headers.location).toBe('/accounts/password/reset/key/done/');
    expect((await stranger.get(url)).statusCode).toBe(400);
    // The reset ended the session that changed the password.
    expect((await browser.get('/accounts/email/')).statusCode).toBe(302);

    const again = new Browser(() => accounts);
    await again.submit('/accounts/login/', { login: 'root', password: 'Dritte-Version-44' });
    expect((await again.get('/accounts/email/')).statusCode).toBe(200);
    const out = await again.submit('/accounts/logout/', {});
    expect(out.headers.location).toBe('/');
    expect(again.jar.has('sessionid')).toBe(false);
    expect((await again.get('/accounts/email/')).statusCode).toBe(302);

    // Neither the reset key nor a password reached the log.
    const logs = accounts.logs();
    expect(logs).toContain('incoming request');
    for (const secret of [url.split('/')[5]!, 'Sehr-Geheim-42', 'Noch-Geheimer-43', 'Dritte-Version-44']) {
      expect(logs).not.toContain(secret);
    }
  });
});
