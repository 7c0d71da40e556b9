import type { z } from 'zod';

/** Every channel id carries this prefix; main, preload and host refuse anything else. */
export const channelPrefix = 'clair:';

/**
 * A request/response channel, declared once here and used by main, preload, host and renderer.
 * The schemas validate the payload on the receiving side and give the types on both sides.
 */
export interface InvokeChannel<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly id: string;
  readonly request: Req;
  readonly response: Res;
}

export function defineInvoke<Req extends z.ZodType, Res extends z.ZodType>(
  id: `${string}:${string}`,
  request: Req,
  response: Res,
): InvokeChannel<Req, Res> {
  return { id: `${channelPrefix}${id}`, request, response };
}

export type RequestOf<C extends InvokeChannel> = z.input<C['request']>;
export type ResponseOf<C extends InvokeChannel> = z.output<C['response']>;
