import { z } from 'zod';

import { applicationUpKinds } from '../domain/ttn/uplink';
import { parseGoDuration } from './go-duration';
import { parseNanoTimestamp } from './ttn-time';

/** Types the Storage Integration accepts in its path (ttn-formats.md §3.2): the ApplicationUp kinds. */
export const storedTypes = applicationUpKinds;

const uint32 = z
  .string()
  .regex(/^\d+$/, 'must be an unsigned integer')
  .transform(Number)
  .refine((n) => n <= 0xffff_ffff, 'must fit in 32 bits');
const timestamp = z.string().transform((text, ctx) => {
  const ns = parseNanoTimestamp(text);
  if (ns === undefined) ctx.addIssue({ code: 'custom', message: 'must be an RFC 3339 timestamp' });
  return ns ?? 0n;
});
const duration = z.string().transform((text, ctx) => {
  const ms = parseGoDuration(text);
  if (ms === undefined) ctx.addIssue({ code: 'custom', message: 'must be a duration such as 10m or 12h' });
  return ms ?? 0;
});

const queryFields = {
  limit: uint32.optional(),
  after: timestamp.optional(),
  before: timestamp.optional(),
  last: duration.optional(),
  f_port: uint32.optional(),
  order: z.enum(['received_at', '-received_at']).optional(),
  field_mask: z
    .string()
    .transform((paths) => paths.split(',').filter(Boolean))
    .optional(),
  continuation_token: z.string().max(16_000).optional(),
};

const lastExcludesWindow = {
  check: (query: { last?: number; after?: bigint; before?: bigint }) =>
    query.last === undefined || (query.after === undefined && query.before === undefined),
  message: '`last` cannot be used in conjunction with `after` and `before`',
};

/** `GetStoredApplicationUpRequest` as query parameters (ttn-formats.md §3.3). */
export const storageQuerySchema = z.object(queryFields).refine(lastExcludesWindow.check, lastExcludesWindow.message);
export type StorageQuery = z.infer<typeof storageQuerySchema>;

/** The count endpoint takes the window and port filters only (§3.4). */
export const countQuerySchema = z
  .object({ after: queryFields.after, before: queryFields.before, last: queryFields.last, f_port: queryFields.f_port })
  .refine(lastExcludesWindow.check, lastExcludesWindow.message);

/** What a continuation token carries: the first request's filters and where the page ended. */
const continuationSchema = z.object({
  limit: z.number().optional(),
  afterNs: z.string().optional(),
  beforeNs: z.string().optional(),
  fPort: z.number().optional(),
  descending: z.boolean(),
  fieldMask: z.array(z.string()).optional(),
  /** The last result sent: its `received_at` (ns) and device id. */
  lastReceivedNs: z.string(),
  lastDeviceId: z.string(),
});
export type Continuation = z.infer<typeof continuationSchema>;

export function encodeContinuation(continuation: Continuation): string {
  return Buffer.from(JSON.stringify(continuation)).toString('base64url');
}

export function decodeContinuation(token: string): Continuation | undefined {
  try {
    const parsed = continuationSchema.safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
