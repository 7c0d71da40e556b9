import { z } from 'zod';

import { ErrorData } from './result';

/** One call from a browser-mode renderer to electron/host over the WebSocket. */
export const WireRequest = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string(),
  // Absent for channels without a request; JSON drops undefined.
  payload: z.unknown().optional(),
});
export type WireRequest = z.infer<typeof WireRequest>;

/** The host's answer to one WireRequest, matched by id. */
export const WireResponse = z.object({
  id: z.number().int().nonnegative(),
  reply: z.union([
    z.object({ ok: z.literal(true), result: z.unknown() }),
    z.object({ ok: z.literal(false), error: ErrorData }),
  ]),
});
export type WireResponse = z.infer<typeof WireResponse>;

/** Path of the host's WebSocket endpoint; the per-launch token goes in its `token` query parameter. */
export const wirePath = '/ipc';
