import formbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import { HttpProblem } from '../serve/problems';
import { type Clock, systemClock } from './clock';
import { clearSessionCookie, cookiePolicyFor, readCookie, sessionCookie, setSessionCookie } from './cookies';
import { emailProblems } from './create-superuser';
import { checkCsrf, csrfField, ensureCsrfToken } from './csrf';
import { confirmEmail, pendingConfirmation, resendConfirmations, sendConfirmation } from './email-confirmations';
import { type Field, form, html, page, type SafeHtml } from './html';
import { defaultLoginLimits, type LoginLimits, LoginRateLimiter } from './login-rate-limit';
import type { Mailer } from './mailer';
import { hashPassword, verifyPassword } from './password-hash';
import { completePasswordReset, resetTarget, sendPasswordResets } from './password-resets';
import { passwordProblems } from './password-rules';
import { deleteSession, deleteUserSessions, sessionUser } from './sessions';
import { signIn } from './sign-in';
import { createAccount, type SignUpErrors, signUpProblems } from './sign-up';
import { siteOrigin } from './site-origin';

export interface AccountPagesOptions {
  db: Kysely<Database>;
  /** null or omitted: no SMTP, so sign-up, password reset and resending answer that they cannot. */
  mailer?: Mailer | null;
  publicOrigin?: string;
  loginLimits?: LoginLimits;
  now?: Clock;
}

/**
 * Routes with a secret key in their URL log at warn only, so that the request lines, which carry
 * the URL, never write the key to the log.
 */
const keyRoute = { logLevel: 'warn' } as const;

/** Where a signed-in browser goes (allauth's LOGIN_REDIRECT_URL): the dashboard. */
export const afterLogin = '/dashboard';

/** Headers of every page: nothing but this site's own forms and inline styles, never framed. */
const securityHeaders = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // Reset and confirmation keys are in the URL: no Referer may carry them elsewhere.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** `next` when it is a path of this site (not `//host`, not `/\host`), else the dashboard. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return afterLogin;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\\]/.test(next) ? afterLogin : next;
}

const text = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first : '';
};

const noMail = 'This server sends no e-mail, so this is unavailable. Please ask the operator.';

/**
 * The account pages at `/accounts/…`, allauth's as the original served them (original-clair.md
 * §3.4): plain HTML forms without JavaScript, protected by the `csrftoken` cookie and a hidden
 * field, under a strict Content-Security-Policy. A form with bad input comes back with each
 * error next to its field and the valid entries kept (never a password).
 */
export async function accountPages(app: FastifyInstance, options: AccountPagesOptions): Promise<void> {
  await app.register(
    async (pages) => {
      await pages.register(formbody);
      installPages(pages, options);
    },
    { prefix: '/accounts' },
  );
}

function installPages(app: FastifyInstance, options: AccountPagesOptions): void {
  const { db, publicOrigin } = options;
  const now = options.now ?? systemClock;
  const mailer = options.mailer ?? null;
  const policy = cookiePolicyFor(publicOrigin);
  const limiter = new LoginRateLimiter(db, options.loginLimits ?? defaultLoginLimits);

  app.addHook('onSend', async (_request, reply) => {
    reply.headers(securityHeaders);
  });
  app.setErrorHandler((error: FastifyError | HttpProblem, _request, reply) => {
    if (error instanceof HttpProblem && error.code === 'csrf_failed') {
      return send(
        reply,
        403,
        'Forbidden',
        html`<p>CSRF verification failed. Request aborted.</p>
          <p>${error.message}</p>
          <p>Reload the form and submit it again.</p>`,
      );
    }
    throw error;
  });

  function send(reply: FastifyReply, status: number, title: string, content: SafeHtml) {
    return reply.code(status).type('text/html; charset=utf-8').send(page(title, content));
  }
  const csrf = (request: FastifyRequest, reply: FastifyReply) => ensureCsrfToken(request, reply, policy);
  const verifyForm = (request: FastifyRequest) => checkCsrf(request, text(request.body, csrfField), publicOrigin);
  const signedIn = async (request: FastifyRequest) => {
    const key = readCookie(request, sessionCookie);
    const user = key === undefined ? undefined : await sessionUser(db, key, now());
    return user?.isActive ? user.userId : undefined;
  };
  const toLogin = (reply: FastifyReply, request: FastifyRequest) =>
    reply.redirect(`/accounts/login/?next=${encodeURIComponent(request.url.split('?')[0] ?? '/')}`);

  // --- login and logout ---------------------------------------------------------------------

  const loginPage = (
    reply: FastifyReply,
    token: string,
    status: number,
    values: { login?: string; next?: string },
    errors: string[] = [],
  ) =>
    send(
      reply,
      status,
      'Sign In',
      html`${form({
          action: '/accounts/login/',
          csrfToken: token,
          errors,
          submit: 'Sign In',
          fields: [
            { name: 'login', label: 'Username or e-mail', type: 'text', value: values.login, autocomplete: 'username' },
            { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' },
            { name: 'next', label: '', type: 'hidden', value: values.next },
          ],
        })}
        <nav>
          <a href="/accounts/password/reset/">Forgot your password?</a> <a href="/accounts/signup/">Sign up</a>
        </nav>`,
    );

  app.get('/login', async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).next);
    if (await signedIn(request)) return reply.redirect(next);
    return loginPage(reply, csrf(request, reply), 200, { next });
  });

  app.post('/login', async (request, reply) => {
    verifyForm(request);
    const login = text(request.body, 'login').trim();
    const password = text(request.body, 'password');
    const next = safeNext(text(request.body, 'next'));
    const token = csrf(request, reply);
    if (login === '' || password === '') {
      return loginPage(reply, token, 400, { login, next }, ['Enter your username or e-mail and your password.']);
    }
    const result = await signIn({ db, limiter, now: now() }, login, password, request.ip);
    switch (result.outcome) {
      case 'throttled':
        reply.header('Retry-After', String(result.retryAfterSeconds));
        return loginPage(reply, token, 429, { login, next }, [
          `Too many failed login attempts. Try again in ${result.retryAfterSeconds} seconds.`,
        ]);
      case 'invalid':
        return loginPage(reply, token, 400, { login, next }, [
          'The username and/or password you specified are not correct.',
        ]);
      case 'unverified': {
        const sent = mailer
          ? await resendConfirmations(db, mailer, result.userId, siteOrigin(request, publicOrigin), now())
          : 0;
        return loginPage(reply, token, 400, { login, next }, [
          sent
            ? 'Your e-mail address is not verified yet. We have sent you a new confirmation e-mail; follow its link.'
            : 'Your e-mail address is not verified yet. Follow the link in the confirmation e-mail we sent you.',
        ]);
      }
    }
    const previous = readCookie(request, sessionCookie);
    if (previous !== undefined) await deleteSession(db, previous);
    setSessionCookie(reply, result.sessionKey, policy);
    ensureCsrfToken(request, reply, policy, true);
    return reply.redirect(next, 302);
  });

  app.get('/logout', async (request, reply) => {
    if (!(await signedIn(request))) return reply.redirect('/');
    return send(
      reply,
      200,
      'Sign Out',
      html`<p>Are you sure you want to sign out?</p>
        ${form({ action: '/accounts/logout/', csrfToken: csrf(request, reply), fields: [], submit: 'Sign Out' })}`,
    );
  });

  app.post('/logout', async (request, reply) => {
    verifyForm(request);
    const key = readCookie(request, sessionCookie);
    if (key !== undefined) await deleteSession(db, key);
    clearSessionCookie(reply, policy);
    return reply.redirect('/', 302);
  });

  // --- sign-up and e-mail confirmation ------------------------------------------------------

  const signupPage = (
    reply: FastifyReply,
    token: string,
    status: number,
    values: { username?: string; email?: string },
    errors: SignUpErrors = {},
  ) =>
    send(
      reply,
      status,
      'Sign Up',
      html`<p>Already have an account? <a href="/accounts/login/">Sign in</a>.</p>
        ${form({
          action: '/accounts/signup/',
          csrfToken: token,
          submit: 'Sign Up',
          fields: [
            {
              name: 'username',
              label: 'Username',
              type: 'text',
              value: values.username,
              errors: errors.username,
              autocomplete: 'username',
            },
            {
              name: 'email',
              label: 'E-mail',
              type: 'email',
              value: values.email,
              errors: errors.email,
              autocomplete: 'email',
            },
            ...newPasswordFields(errors, 'Password'),
          ],
        })}`,
    );

  app.get('/signup', async (request, reply) => {
    if (!mailer) return send(reply, 503, 'Sign Up', html`<p>${noMail}</p>`);
    return signupPage(reply, csrf(request, reply), 200, {});
  });

  app.post('/signup', async (request, reply) => {
    verifyForm(request);
    if (!mailer) return send(reply, 503, 'Sign Up', html`<p>${noMail}</p>`);
    const values = {
      username: text(request.body, 'username'),
      email: text(request.body, 'email').trim(),
      password1: text(request.body, 'password1'),
      password2: text(request.body, 'password2'),
    };
    const token = csrf(request, reply);
    const errors = await signUpProblems(db, values);
    if (Object.keys(errors).length) return signupPage(reply, token, 400, keepValid(values, errors), errors);
    const addressId = await createAccount(db, values);
    if (addressId === undefined) {
      const taken = { username: ['A user with that username already exists.'] };
      return signupPage(reply, token, 400, keepValid(values, taken), taken);
    }
    await sendConfirmation(db, mailer, addressId, siteOrigin(request, publicOrigin), now());
    return reply.redirect('/accounts/confirm-email/', 302);
  });

  app.get('/confirm-email', async (_request, reply) =>
    send(
      reply,
      200,
      'Verify Your E-mail Address',
      html`<p>
        We have sent an e-mail to you for verification. Follow the link provided to finalize the signup process. If you
        do not see the verification e-mail in your main inbox, check your spam folder.
      </p>`,
    ),
  );

  const badConfirmation = (reply: FastifyReply) =>
    send(
      reply,
      404,
      'Confirm E-mail Address',
      html`<p>
        This e-mail confirmation link expired or is invalid. Please
        <a href="/accounts/email/">issue a new e-mail confirmation request</a>.
      </p>`,
    );

  app.get<{ Params: { key: string } }>('/confirm-email/:key', keyRoute, async (request, reply) => {
    const pending = await pendingConfirmation(db, request.params.key, now());
    if (!pending) return badConfirmation(reply);
    return send(
      reply,
      200,
      'Confirm E-mail Address',
      html`<p>
          Please confirm that <a href="mailto:${pending.email}">${pending.email}</a> is an e-mail address for user
          ${pending.username}.
        </p>
        ${form({ action: `/accounts/confirm-email/${request.params.key}/`, csrfToken: csrf(request, reply), fields: [], submit: 'Confirm' })}`,
    );
  });

  app.post<{ Params: { key: string } }>('/confirm-email/:key', keyRoute, async (request, reply) => {
    verifyForm(request);
    const email = await confirmEmail(db, request.params.key, now());
    if (email === undefined) return badConfirmation(reply);
    return send(
      reply,
      200,
      'E-mail Address Confirmed',
      html`<p>You have confirmed ${email}. You can now <a href="/accounts/login/">sign in</a>.</p>`,
    );
  });

  // --- e-mail addresses ---------------------------------------------------------------------

  const emailPage = async (reply: FastifyReply, token: string, userId: string, status: number, notice?: string) => {
    const addresses = await db
      .selectFrom('email_addresses')
      .select(['id', 'email', 'verified', 'primary'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
    return send(
      reply,
      status,
      'E-mail Addresses',
      html`${notice ? html`<p class="notice">${notice}</p>` : ''}
        <p>These e-mail addresses are associated with your account:</p>
        <table>
          ${addresses.map(
            (a) =>
              html`<tr>
                <td>${a.email}</td>
                <td>${a.verified ? 'Verified' : 'Unverified'}</td>
                <td>${a.primary ? 'Primary' : ''}</td>
                <td>
                  ${a.verified ? '' : form({ action: '/accounts/email/', csrfToken: token, fields: [{ name: 'address', label: '', type: 'hidden', value: a.id }], submit: 'Re-send verification' })}
                </td>
              </tr>`,
          )}
        </table>
        <nav><a href="/accounts/password/change/">Change password</a> <a href="/accounts/logout/">Sign out</a></nav>`,
    );
  };

  app.get('/email', async (request, reply) => {
    const userId = await signedIn(request);
    if (!userId) return toLogin(reply, request);
    return emailPage(reply, csrf(request, reply), userId, 200);
  });

  app.post('/email', async (request, reply) => {
    verifyForm(request);
    const userId = await signedIn(request);
    if (!userId) return toLogin(reply, request);
    const token = csrf(request, reply);
    if (!mailer) return emailPage(reply, token, userId, 503, noMail);
    const address = await db
      .selectFrom('email_addresses')
      .select(['id', 'email'])
      .where('user_id', '=', userId)
      .where('verified', '=', false)
      .where('id', '=', /^\d{1,18}$/.test(text(request.body, 'address')) ? text(request.body, 'address') : '0')
      .executeTakeFirst();
    if (!address) return emailPage(reply, token, userId, 400, 'That address needs no confirmation.');
    await sendConfirmation(db, mailer, address.id, siteOrigin(request, publicOrigin), now());
    return emailPage(reply, token, userId, 200, `Confirmation e-mail sent to ${address.email}.`);
  });

  // --- password change ----------------------------------------------------------------------

  const changePage = (
    reply: FastifyReply,
    token: string,
    status: number,
    errors: Partial<Record<'oldpassword' | 'password1' | 'password2', string[]>> = {},
    notice?: string,
  ) =>
    send(
      reply,
      status,
      'Change Password',
      html`${notice ? html`<p class="notice">${notice}</p>` : ''}${form({
        action: '/accounts/password/change/',
        csrfToken: token,
        submit: 'Change Password',
        fields: [
          {
            name: 'oldpassword',
            label: 'Current password',
            type: 'password',
            errors: errors.oldpassword,
            autocomplete: 'current-password',
          },
          ...newPasswordFields(errors, 'New password'),
        ],
      })}`,
    );

  app.get('/password/change', async (request, reply) => {
    if (!(await signedIn(request))) return toLogin(reply, request);
    return changePage(reply, csrf(request, reply), 200);
  });

  app.post('/password/change', async (request, reply) => {
    verifyForm(request);
    const userId = await signedIn(request);
    if (!userId) return toLogin(reply, request);
    const token = csrf(request, reply);
    const user = await db
      .selectFrom('users')
      .select(['username', 'email', 'password'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    const password1 = text(request.body, 'password1');
    if (!(await verifyPassword(text(request.body, 'oldpassword'), user.password))) {
      return changePage(reply, token, 400, { oldpassword: ['Please type your current password.'] });
    }
    const problems = passwordProblems(password1, user);
    if (problems.length) return changePage(reply, token, 400, { password1: problems });
    if (password1 !== text(request.body, 'password2')) {
      return changePage(reply, token, 400, { password2: ['You must type the same password each time.'] });
    }
    await db
      .updateTable('users')
      .set({ password: await hashPassword(password1) })
      .where('id', '=', userId)
      .execute();
    await deleteUserSessions(db, userId, readCookie(request, sessionCookie));
    return changePage(reply, token, 200, {}, 'Password successfully changed.');
  });

  // --- password reset -----------------------------------------------------------------------

  const resetPage = (reply: FastifyReply, token: string, status: number, email = '', errors?: string[]) =>
    send(
      reply,
      status,
      'Password Reset',
      html`<p>
          Forgotten your password? Enter your e-mail address below, and we'll send you an e-mail allowing you to reset
          it.
        </p>
        ${form({
          action: '/accounts/password/reset/',
          csrfToken: token,
          submit: 'Reset My Password',
          fields: [{ name: 'email', label: 'E-mail', type: 'email', value: email, errors, autocomplete: 'email' }],
        })}`,
    );

  app.get('/password/reset', async (request, reply) => {
    if (!mailer) return send(reply, 503, 'Password Reset', html`<p>${noMail}</p>`);
    return resetPage(reply, csrf(request, reply), 200);
  });

  app.post('/password/reset', async (request, reply) => {
    verifyForm(request);
    if (!mailer) return send(reply, 503, 'Password Reset', html`<p>${noMail}</p>`);
    const email = text(request.body, 'email').trim();
    const problems = emailProblems(email);
    if (problems.length) return resetPage(reply, csrf(request, reply), 400, email, problems);
    // In the background: the answer, and how long it takes, says nothing about the address.
    sendPasswordResets(db, mailer, email, siteOrigin(request, publicOrigin), now()).catch((error: unknown) =>
      request.log.warn({ err: error }, 'sending a password reset e-mail failed'),
    );
    return reply.redirect('/accounts/password/reset/done/', 302);
  });

  app.get('/password/reset/done', async (_request, reply) =>
    send(
      reply,
      200,
      'Password Reset',
      html`<p>
        We have sent you an e-mail. If you have not received it please check your spam folder. Otherwise contact us if
        you do not receive it in a few minutes.
      </p>`,
    ),
  );

  const badResetKey = (reply: FastifyReply) =>
    send(
      reply,
      400,
      'Bad Token',
      html`<p>
        The password reset link was invalid, possibly because it has already been used. Please request a
        <a href="/accounts/password/reset/">new password reset</a>.
      </p>`,
    );

  const setPasswordPage = (
    reply: FastifyReply,
    token: string,
    key: string,
    status: number,
    errors: Partial<Record<'password1' | 'password2', string[]>> = {},
  ) =>
    send(
      reply,
      status,
      'Change Password',
      form({
        action: `/accounts/password/reset/key/${key}/`,
        csrfToken: token,
        submit: 'Change Password',
        fields: [...newPasswordFields(errors, 'New password')],
      }),
    );

  app.get('/password/reset/key/done', async (_request, reply) =>
    send(
      reply,
      200,
      'Change Password',
      html`<p>Your password is now changed. You can <a href="/accounts/login/">sign in</a> with it.</p>`,
    ),
  );

  app.get<{ Params: { key: string } }>('/password/reset/key/:key', keyRoute, async (request, reply) => {
    if (!(await resetTarget(db, request.params.key, now()))) return badResetKey(reply);
    return setPasswordPage(reply, csrf(request, reply), request.params.key, 200);
  });

  app.post<{ Params: { key: string } }>('/password/reset/key/:key', keyRoute, async (request, reply) => {
    verifyForm(request);
    const token = csrf(request, reply);
    const password1 = text(request.body, 'password1');
    if (password1 !== text(request.body, 'password2')) {
      if (!(await resetTarget(db, request.params.key, now()))) return badResetKey(reply);
      return setPasswordPage(reply, token, request.params.key, 400, {
        password2: ['You must type the same password each time.'],
      });
    }
    const result = await completePasswordReset(db, request.params.key, password1, now());
    if (result.outcome === 'invalid_key') return badResetKey(reply);
    if (result.outcome === 'weak') {
      return setPasswordPage(reply, token, request.params.key, 400, { password1: result.problems });
    }
    return reply.redirect('/accounts/password/reset/key/done/', 302);
  });
}

/** The password rules, as the sign-up page shows them under the field (the original's PR #114). */
/** A new password and its repetition, with the password rules as hints. */
function newPasswordFields(errors: Partial<Record<'password1' | 'password2', string[]>>, label: string): Field[] {
  return [
    {
      name: 'password1',
      label,
      type: 'password',
      errors: errors.password1,
      help: passwordHints,
      autocomplete: 'new-password',
    },
    {
      name: 'password2',
      label: `${label} (again)`,
      type: 'password',
      errors: errors.password2,
      autocomplete: 'new-password',
    },
  ];
}

const passwordHints: Field['help'] = [
  'Your password can’t be too similar to your other personal information.',
  'Your password must contain at least 8 characters.',
  'Your password can’t be a commonly used password.',
  'Your password can’t be entirely numeric.',
];

/** The entries to show again, as Django does, so a typo can be mended: all but the passwords. */
function keepValid(values: { username: string; email: string }, _errors: SignUpErrors) {
  return { username: values.username, email: values.email };
}
