import { z } from 'zod';

import { ErrorData } from './result';

/**
 * What a stream's listener receives: events, then exactly one end. An end with an error means
 * the producer failed (the docker context dropped, the service vanished); without one, it
 * finished (a deploy converged) or was closed by the subscriber.
 */
export type StreamMessage<Ev> = { type: 'event'; event: Ev } | { type: 'end'; error?: ErrorData };

export const StreamMessageData = z.union([
  z.object({ type: z.literal('event'), event: z.unknown() }),
  z.object({ type: z.literal('end'), error: ErrorData.optional() }),
]);

export type StreamListener<Ev> = (message: StreamMessage<Ev>) => void;

/** Ends a subscription; calling it twice, or after the stream ended, does nothing. */
export type Unsubscribe = () => void;
