import { z } from 'zod';

import { ErrorData } from './result';
import { StreamMessageData } from './stream';

/**
 * What a browser-mode renderer sends electron/host over the WebSocket: a call (answered by a
 * WireReply with the same id), the opening of a stream under an id the renderer chose, or
 * the closing of one.
 */
export const WireRequest = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('invoke'),
    id: z.number().int().nonnegative(),
    channel: z.string(),
    // Absent for channels without a request; JSON drops undefined.
    payload: z.unknown().optional(),
  }),
  z.object({
    type: z.literal('open'),
    stream: z.number().int().nonnegative(),
    channel: z.string(),
    payload: z.unknown().optional(),
  }),
  z.object({ type: z.literal('close'), stream: z.number().int().nonnegative() }),
]);
export type WireRequest = z.infer<typeof WireRequest>;

/** What the host sends back: the reply to one call, or one message of an open stream. */
export const WireResponse = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('reply'),
    id: z.number().int().nonnegative(),
    reply: z.union([
      z.object({ ok: z.literal(true), result: z.unknown() }),
      z.object({ ok: z.literal(false), error: ErrorData }),
    ]),
  }),
  z.object({ type: z.literal('stream'), stream: z.number().int().nonnegative(), message: StreamMessageData }),
]);
export type WireResponse = z.infer<typeof WireResponse>;

/** Path of the host's WebSocket endpoint; the per-launch token goes in its `token` query parameter. */
export const wirePath = '/ipc';
