import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';

import type { Database } from '../../database/tables';
import { requireUser, type Viewer } from '../api/viewer';
import { resourceDocument } from '../jsonapi/document';
import { JsonApiErrors, jsonApiError, sendErrors } from '../jsonapi/errors';
import { jsonApiMediaType } from '../jsonapi/media-type';
import { resourceObject } from '../jsonapi/resource';
import { type Clock, systemClock } from './clock';
import { clearSessionCookie, cookiePolicyFor, readCookie, sessionCookie, setSessionCookie } from './cookies';
import { usernameProblems } from './create-superuser';
import { ensureCsrfToken } from './csrf';
import { defaultLoginLimits, type LoginLimits, LoginRateLimiter } from './login-rate-limit';
import type { Mailer } from './mailer';
import { hashPassword, verifyPassword } from './password-hash';
import { completePasswordReset, sendPasswordResets } from './password-resets';
import { passwordProblems } from './password-rules';
import { fieldError, fieldsOf, parseFields, requiredText } from './request-body';
import { deleteSession, deleteUserSessions } from './sessions';
import { signIn } from './sign-in';
import { siteOrigin } from './site-origin';
import { issueToken, deleteUserTokens } from './tokens';
import { updateUserDetails, userDetails } from './user-details';

export interface AuthRoutesOptions {
  db: Kysely<Database>;
  /** Who sent the request; the API plugin has authenticated it before the handlers run. */
  viewerOf: (request: FastifyRequest) => Viewer;
  /** null or omitted: no SMTP configured, so password reset answers 503. */
  mailer?: Mailer | null;
  /** The platform's public origin, for links in mails and Secure cookies. */
  publicOrigin?: string;
  loginLimits?: LoginLimits;
  now?: Clock;
}

const Login = z.object({
  username: z.string().optional(),
  email: z.string().optional(),
  password: requiredText,
});

const PasswordChange = z.object({
  old_password: requiredText,
  new_password1: requiredText,
  new_password2: requiredText,
});

const PasswordReset = z.object({
  email: requiredText.pipe(z.email('Enter a valid email address.')),
});

const PasswordResetConfirm = z.object({
  // dj-rest-auth's uid is not needed: the key alone names the reset. It is accepted and ignored.
  uid: z.string().optional(),
  token: requiredText,
  new_password1: requiredText,
  new_password2: requiredText,
});

const name = z.string().max(150, 'Ensure this field has no more than 150 characters.');
const UserUpdate = z.object({
  username: z.string().optional(),
  first_name: name.optional(),
  last_name: name.optional(),
});

const detail = (reply: FastifyReply, text: string) => reply.type(jsonApiMediaType).send({ detail: text });

/**
 * dj-rest-auth's endpoints (original-clair.md §3.3.2), registered by the API plugin under
 * `/api/v1`, which has installed the JSON:API body parsers and authenticates every request first.
 * Routes are registered without the trailing slash; the app's ignoreTrailingSlash serves both.
 */
export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions): Promise<void> {
  const { db, viewerOf, publicOrigin } = options;
  const now = options.now ?? systemClock;
  const limiter = new LoginRateLimiter(db, options.loginLimits ?? defaultLoginLimits);
  const policy = cookiePolicyFor(publicOrigin);

  // Field errors leave as JSON:API error documents; anything else goes to the API's handler.
  app.setErrorHandler((error: FastifyError | JsonApiErrors, _request, reply) => {
    if (error instanceof JsonApiErrors) return sendErrors(reply, error);
    throw error;
  });

  app.post('/auth/login', async (request, reply) => {
    const fields = fieldsOf(request.body);
    const body = parseFields(Login, fields);
    const identifier = body.username?.trim() ? body.username : body.email?.trim() ? body.email : undefined;
    if (identifier === undefined) {
      throw fieldError(fields, 'required', 'Must include "username" and "password".', 'username');
    }
    const result = await signIn({ db, limiter, now: now() }, identifier, body.password, request.ip);
    switch (result.outcome) {
      case 'throttled':
        return sendErrors(
          reply.header('Retry-After', String(result.retryAfterSeconds)),
          new JsonApiErrors([
            jsonApiError(
              429,
              'throttled',
              `Too many failed logins. Expected available in ${result.retryAfterSeconds} seconds.`,
            ),
          ]),
        );
      case 'invalid':
        throw fieldError(fields, 'invalid', 'Unable to log in with provided credentials.');
      case 'unverified':
        throw fieldError(fields, 'unverified', 'E-mail is not verified.');
    }
    // A new session replaces whatever session the browser had (no session fixation).
    const previous = readCookie(request, sessionCookie);
    if (previous !== undefined) await deleteSession(db, previous);
    setSessionCookie(reply, result.sessionKey, policy);
    ensureCsrfToken(request, reply, policy, true);
    const token = await issueToken(db, result.userId, now());
    return reply
      .type(jsonApiMediaType)
      .send(resourceDocument(resourceObject('LoginView', token.id, { key: token.key })));
  });

  // dj-rest-auth: open to anyone; the session ends and the user's tokens are deleted.
  app.post('/auth/logout', async (request, reply) => {
    const viewer = viewerOf(request);
    if (viewer.userId !== null) await deleteUserTokens(db, viewer.userId);
    const session = readCookie(request, sessionCookie);
    if (session !== undefined) {
      await deleteSession(db, session);
      clearSessionCookie(reply, policy);
    }
    return detail(reply, 'Successfully logged out.');
  });

  app.get('/auth/user', async (request, reply) => {
    const viewer = viewerOf(request);
    requireUser(viewer);
    return reply.type(jsonApiMediaType).send(resourceDocument(await userDetails(db, viewer.userId)));
  });

  const update = (partial: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const viewer = viewerOf(request);
    requireUser(viewer);
    const fields = fieldsOf(request.body);
    const changes = parseFields(UserUpdate, fields);
    if (changes.username !== undefined || !partial) {
      const problems = usernameProblems(changes.username ?? '');
      if (problems.length) {
        throw fieldError(
          fields,
          changes.username === undefined ? 'required' : 'invalid',
          problems.join(' '),
          'username',
        );
      }
    }
    if (!(await updateUserDetails(db, viewer.userId, changes))) {
      throw fieldError(fields, 'unique', 'A user with that username already exists.', 'username');
    }
    return reply.type(jsonApiMediaType).send(resourceDocument(await userDetails(db, viewer.userId)));
  };
  app.put('/auth/user', update(false));
  app.patch('/auth/user', update(true));

  app.post('/auth/password/change', async (request, reply) => {
    const viewer = viewerOf(request);
    requireUser(viewer);
    const fields = fieldsOf(request.body);
    const body = parseFields(PasswordChange, fields);
    const user = await db
      .selectFrom('users')
      .select(['username', 'email', 'password'])
      .where('id', '=', viewer.userId)
      .executeTakeFirstOrThrow();
    if (!(await verifyPassword(body.old_password, user.password))) {
      throw fieldError(
        fields,
        'password_incorrect',
        'Your old password was entered incorrectly. Please enter it again.',
        'old_password',
      );
    }
    if (body.new_password1 !== body.new_password2) {
      throw fieldError(fields, 'password_mismatch', 'The two password fields didn’t match.', 'new_password2');
    }
    const problems = passwordProblems(body.new_password1, user);
    if (problems.length) throw fieldError(fields, 'password_invalid', problems.join(' '), 'new_password2');
    await db
      .updateTable('users')
      .set({ password: await hashPassword(body.new_password1) })
      .where('id', '=', viewer.userId)
      .execute();
    // As Django's update_session_auth_hash: this session stays, the user's others end.
    await deleteUserSessions(db, viewer.userId, readCookie(request, sessionCookie));
    return detail(reply, 'New password has been saved.');
  });

  app.post('/auth/password/reset', async (request, reply) => {
    const body = parseFields(PasswordReset, fieldsOf(request.body));
    const mailer = options.mailer;
    if (!mailer) {
      throw new JsonApiErrors([
        jsonApiError(503, 'mail_unavailable', 'Password reset is unavailable: this server sends no e-mail.'),
      ]);
    }
    // Sent in the background so that the answer, and its timing, is the same for any address.
    const origin = siteOrigin(request, publicOrigin);
    sendPasswordResets(db, mailer, body.email, origin, now()).catch((error: unknown) =>
      request.log.warn({ err: error }, 'sending a password reset e-mail failed'),
    );
    return detail(reply, 'Password reset e-mail has been sent.');
  });

  app.post('/auth/password/reset/confirm', async (request, reply) => {
    const fields = fieldsOf(request.body);
    const body = parseFields(PasswordResetConfirm, fields);
    if (body.new_password1 !== body.new_password2) {
      throw fieldError(fields, 'password_mismatch', 'The two password fields didn’t match.', 'new_password2');
    }
    const result = await completePasswordReset(db, body.token, body.new_password1, now());
    if (result.outcome === 'invalid_key') {
      throw fieldError(fields, 'invalid', 'The password reset link is invalid, used or expired.', 'token');
    }
    if (result.outcome === 'weak') {
      throw fieldError(fields, 'password_invalid', result.problems.join(' '), 'new_password2');
    }
    return detail(reply, 'Password has been reset with the new password.');
  });
}
