import type { z } from 'zod';

/** Every channel id carries this prefix; main, preload and host refuse anything else. */
export const channelPrefix = 'clair:';

/** What a channel that changes something records in the Activity screen. */
export interface ActivityLabel {
  /** Past tense, for people: "Deployed the stack". */
  readonly title: string;
}

/**
 * A request/response channel, declared once here and used by main, preload, host and renderer.
 * The schemas validate the payload on the receiving side and give the types on both sides.
 */
export interface InvokeChannel<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'invoke';
  readonly id: string;
  readonly request: Req;
  readonly response: Res;
  /** Set on channels that act (deploy, scale, create a secret); every call is then recorded. */
  readonly activity?: ActivityLabel;
}

/**
 * A subscription: one request opens it, then the other side sends events until either side
 * ends it. Live logs, docker events and deploy progress travel this way, never by polling.
 */
export interface StreamChannel<Req extends z.ZodType = z.ZodType, Ev extends z.ZodType = z.ZodType> {
  readonly kind: 'stream';
  readonly id: string;
  readonly request: Req;
  readonly event: Ev;
  readonly activity?: ActivityLabel;
}

export type Channel = InvokeChannel | StreamChannel;

export function defineInvoke<Req extends z.ZodType, Res extends z.ZodType>(
  id: `${string}:${string}`,
  request: Req,
  response: Res,
  activity?: ActivityLabel,
): InvokeChannel<Req, Res> {
  return { kind: 'invoke', id: `${channelPrefix}${id}`, request, response, ...(activity ? { activity } : {}) };
}

export function defineStream<Req extends z.ZodType, Ev extends z.ZodType>(
  id: `${string}:${string}`,
  request: Req,
  event: Ev,
  activity?: ActivityLabel,
): StreamChannel<Req, Ev> {
  return { kind: 'stream', id: `${channelPrefix}${id}`, request, event, ...(activity ? { activity } : {}) };
}

export type RequestOf<C extends Channel> = z.input<C['request']>;
export type ResponseOf<C extends InvokeChannel> = z.output<C['response']>;
export type EventOf<C extends StreamChannel> = z.output<C['event']>;
