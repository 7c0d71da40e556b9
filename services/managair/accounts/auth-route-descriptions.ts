import { z } from 'zod';

import type { ApiRouteDescription } from '../api/api-route';

/**
 * The /auth routes of auth-routes.ts as the OpenAPI document describes them. They are plain
 * Fastify routes (they set cookies and keep their own field checks), so they are described here,
 * next to them, rather than declared as API routes.
 */

const attributesDocument = (type: string, attributes: z.ZodObject) =>
  z.object({ data: z.object({ type: z.literal(type).optional(), attributes }) });

const detail = z.object({ detail: z.string() });

const authUser = z.object({
  data: z.object({
    type: z.literal('User'),
    id: z.string(),
    attributes: z.object({ username: z.string(), email: z.string(), first_name: z.string(), last_name: z.string() }),
  }),
});

const tag = 'Authentication';
const signedIn = 'signed-in users';

export const authRouteDescriptions: ApiRouteDescription[] = [
  {
    method: 'POST',
    path: '/auth/login',
    operationId: 'login',
    summary: 'Sign in by username or e-mail: answers a token and sets the session and csrftoken cookies',
    tag,
    access: 'anyone; failed attempts are rate-limited per identifier and per client address',
    requestBody: attributesDocument(
      'LoginView',
      z.object({ username: z.string().optional(), email: z.string().optional(), password: z.string() }),
    ),
    responses: {
      200: z.object({
        data: z.object({ type: z.literal('LoginView'), id: z.string(), attributes: z.object({ key: z.string() }) }),
      }),
    },
  },
  {
    method: 'POST',
    path: '/auth/logout',
    operationId: 'logout',
    summary: "Sign out: ends the session and invalidates the user's tokens",
    tag,
    access: 'anyone (signed-in users are signed out)',
    responses: { 200: detail },
  },
  ...(['GET', 'PUT', 'PATCH'] as const).map((method): ApiRouteDescription => ({
    method,
    path: '/auth/user',
    operationId: `${method.toLowerCase()}AuthUser`,
    summary: method === 'GET' ? 'The signed-in user' : 'Change the signed-in user (the e-mail is read-only)',
    tag,
    access: signedIn,
    ...(method === 'GET'
      ? {}
      : {
          requestBody: attributesDocument(
            'User',
            z.object({
              username: z.string().optional(),
              first_name: z.string().optional(),
              last_name: z.string().optional(),
            }),
          ),
        }),
    responses: { 200: authUser },
  })),
  {
    method: 'POST',
    path: '/auth/password/change',
    operationId: 'changePassword',
    summary: 'Change your password; other sessions end',
    tag,
    access: signedIn,
    requestBody: attributesDocument(
      'PasswordChangeView',
      z.object({ old_password: z.string(), new_password1: z.string(), new_password2: z.string() }),
    ),
    responses: { 200: detail },
  },
  {
    method: 'POST',
    path: '/auth/password/reset',
    operationId: 'requestPasswordReset',
    summary: 'Mail a password reset link; the answer does not tell whether the address is known',
    tag,
    access: 'anyone',
    requestBody: attributesDocument('PasswordResetView', z.object({ email: z.string() })),
    responses: { 200: detail },
  },
  {
    method: 'POST',
    path: '/auth/password/reset/confirm',
    operationId: 'confirmPasswordReset',
    summary: 'Set a new password with the key from the reset mail (single use)',
    tag,
    access: 'anyone holding a valid key',
    requestBody: attributesDocument(
      'PasswordResetConfirmView',
      z.object({ uid: z.string().optional(), token: z.string(), new_password1: z.string(), new_password2: z.string() }),
    ),
    responses: { 200: detail },
  },
];
