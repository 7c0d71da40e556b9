import { z } from 'zod';

import { JsonApiErrors, jsonApiError } from '../../jsonapi/errors';
import { HttpProblem } from '../../serve/problems';
import type { ApiContext, ApiRoute } from '../api-route';
import { singleDocumentSchema } from '../document-schemas';
import { notFound } from '../path-ids';
import { requireOwner, requireUser } from '../viewer';
import { findVisibleInstallation } from './installation-access';
import { installationDetail } from './installation-documents';
import { detectImageType, maxImageBytes, readImage, removeImage, storeImage } from './installation-image';
import { installationSchema } from './installation-resource';

const pointer = '/data/attributes/image';

function refuse(detail: string): JsonApiErrors {
  return new JsonApiErrors([jsonApiError(400, 'invalid_image', detail, { pointer })]);
}

function mediaRootOf(context: ApiContext): string {
  if (context.mediaRoot === undefined)
    throw new HttpProblem(503, 'uploads_unavailable', 'This server stores no uploaded images.');
  return context.mediaRoot;
}

/** The multipart field `image`, whole, or a 400 saying what is wrong with the upload. */
async function uploadedImage(context: ApiContext): Promise<Buffer> {
  if (!context.request.isMultipart()) throw refuse('Send the photo as multipart/form-data, in the field "image".');
  const file = await context.request.file();
  if (!file || file.fieldname !== 'image') throw refuse('The field "image" is required.');
  try {
    return await file.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw refuse(`The photo may be at most ${maxImageBytes / 1024 / 1024} MB.`);
    throw error;
  }
}

export const installationImageRoutes: ApiRoute[] = [
  {
    method: 'PUT',
    path: '/installations/:id/image',
    operationId: 'uploadInstallationImage',
    summary: 'Upload the photo of an installation (multipart/form-data, field "image": PNG, JPEG or WebP, ≤ 5 MB)',
    tag: 'Installations',
    access: 'owners of the installation room organization',
    requestContentType: 'multipart/form-data',
    requestBody: z.object({ image: z.string().meta({ contentMediaType: 'image/*' }) }),
    responses: { 200: singleDocumentSchema(installationSchema) },
    handle: async (context) => {
      requireUser(context.viewer);
      const installation = await findVisibleInstallation(context);
      requireOwner(context.viewer, installation.operator_id);
      const mediaRoot = mediaRootOf(context);
      const bytes = await uploadedImage(context);
      const type = detectImageType(bytes);
      if (!type) throw refuse('The photo must be a PNG, JPEG or WebP image.');
      const image = await storeImage(mediaRoot, bytes, type);
      await context.db.updateTable('installations').set({ image }).where('id', '=', installation.id).execute();
      if (installation.image) await removeImage(mediaRoot, installation.image);
      return installationDetail(context, { ...installation, image });
    },
  },
  {
    method: 'GET',
    path: '/installations/:id/image',
    operationId: 'getInstallationImage',
    summary: 'The photo of an installation',
    tag: 'Installations',
    access: 'as the installation: anyone for a public one, members of its organization otherwise',
    contentType: 'image/*',
    responses: { 200: z.string().meta({ contentMediaType: 'image/*' }) },
    handle: async (context) => {
      const installation = await findVisibleInstallation(context);
      if (!installation.image || context.mediaRoot === undefined) throw notFound('image');
      const image = await readImage(context.mediaRoot, installation.image);
      if (!image) throw notFound('image');
      return {
        status: 200,
        contentType: image.contentType,
        body: image.bytes,
        headers: { 'cache-control': 'private, max-age=3600', 'x-content-type-options': 'nosniff' },
      };
    },
  },
];
