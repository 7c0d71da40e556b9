import { z } from 'zod';

import { AccountFieldError, createAccount } from '../../accounts/create-superuser';
import { JsonApiErrors, jsonApiError } from '../../jsonapi/errors';
import { HttpProblem } from '../../serve/problems';
import type { ApiRoute } from '../api-route';
import { flexibleBoolean } from '../attribute-fields';
import { singleDocumentSchema } from '../document-schemas';
import { noContent, resourceResult } from '../list-document';
import { idParam, notFound } from '../path-ids';
import { parseCreateBody, requestDocumentSchema } from '../request-document';
import { requireSuperuser } from '../viewer';
import { findVisibleUser, userResource, userSchema } from './user-resource';

/**
 * What the Django admin did for accounts, through the API, for superusers only: create an
 * account whose e-mail the superuser vouches for (verified at once, no confirmation mail), and
 * delete one. People register themselves through the accounts pages.
 */
const newUserBody = {
  type: 'User',
  attributes: z.object({
    username: z.string(),
    email: z.string(),
    password: z.string(),
    first_name: z.string().trim().max(150).optional(),
    last_name: z.string().trim().max(150).optional(),
    is_superuser: flexibleBoolean.optional(),
  }),
};

export const userAdminRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/users',
    operationId: 'createUser',
    summary: 'Create an account with a verified e-mail address',
    tag: 'Users',
    access: 'superusers',
    requestBody: requestDocumentSchema(newUserBody, 'create'),
    responses: { 201: singleDocumentSchema(userSchema) },
    handle: async (context) => {
      requireSuperuser(context.viewer);
      const { attributes } = parseCreateBody(context.request.body, newUserBody);
      let id: string;
      try {
        id = await createAccount(context.db, {
          username: attributes.username,
          email: attributes.email,
          password: attributes.password,
          isSuperuser: attributes.is_superuser ?? false,
          ...(attributes.first_name === undefined ? {} : { first_name: attributes.first_name }),
          ...(attributes.last_name === undefined ? {} : { last_name: attributes.last_name }),
        });
      } catch (error) {
        if (!(error instanceof AccountFieldError)) throw error;
        throw new JsonApiErrors(
          error.problems.map((problem) =>
            jsonApiError(400, 'invalid', problem, { pointer: `/data/attributes/${error.field}` }),
          ),
        );
      }
      return resourceResult(201, await userResource(context, await findVisibleUser(context, id)));
    },
  },
  {
    method: 'DELETE',
    path: '/users/:id',
    operationId: 'deleteUser',
    summary: 'Delete an account with its memberships, sessions and tokens',
    tag: 'Users',
    access: 'superusers; not their own account',
    responses: { 204: null },
    handle: async (context) => {
      requireSuperuser(context.viewer);
      const id = idParam(context.params);
      if (id === context.viewer.userId)
        throw new HttpProblem(409, 'own_account', 'A superuser cannot delete their own account.');
      const deleted = await context.db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
      if (deleted.numDeletedRows === 0n) throw notFound('user');
      return noContent;
    },
  },
];
