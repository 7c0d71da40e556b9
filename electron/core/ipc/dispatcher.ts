import type { z } from 'zod';

import {
  type Channel,
  ClairError,
  type Contract,
  channelPrefix,
  contract,
  type ErrorData,
  type Result,
  type StreamMessage,
  type Unsubscribe,
} from '../../contract';

type InvokeHandler<Req extends z.ZodType, Res extends z.ZodType> = (request: z.output<Req>) => Promise<z.input<Res>>;

/**
 * A stream's producer: emits events until it is done (resolves), fails (rejects) or the
 * subscriber leaves (the signal aborts; the producer then stops and resolves).
 */
export type StreamHandler<Req extends z.ZodType, Ev extends z.ZodType> = (
  request: z.output<Req>,
  emit: (event: z.input<Ev>) => void,
  signal: AbortSignal,
) => Promise<void>;

type Handler<C> = C extends {
  kind: 'invoke';
  request: infer Req extends z.ZodType;
  response: infer Res extends z.ZodType;
}
  ? InvokeHandler<Req, Res>
  : C extends { kind: 'stream'; request: infer Req extends z.ZodType; event: infer Ev extends z.ZodType }
    ? StreamHandler<Req, Ev>
    : never;

/** One implementation per contract channel; the compiler makes sure none is missing. */
export type Handlers = {
  [Domain in keyof Contract]: { [Name in keyof Contract[Domain]]: Handler<Contract[Domain][Name]> };
};

/** An action taken through the app, as the Activity screen lists it. */
export interface ActivityRecord {
  channel: string;
  title: string;
  /** The environment the request named, when it named one. */
  environment: string | undefined;
  startedAt: Date;
  finishedAt: Date;
  error: ErrorData | undefined;
}

export interface DispatcherOptions {
  /** Where unexpected failures go with their stack; the caller only sees a generic message. */
  logError: (message: string, error: unknown) => void;
  /** Called once per finished call of a channel that carries an activity label. */
  recordActivity?: (record: ActivityRecord) => void;
}

export interface Dispatcher {
  invoke: (channelId: string, payload: unknown) => Promise<Result<unknown>>;
  /** Opens a stream whose messages go to send; an invalid request ends it at once with the error. */
  open: (channelId: string, payload: unknown, send: (message: StreamMessage<unknown>) => void) => Unsubscribe;
}

interface Route {
  channel: Channel;
  handler: (...args: never[]) => Promise<unknown>;
}

/**
 * The one place where every call from a renderer is checked: the channel must be in the
 * contract, the payload must match its schema, and whatever happens comes back as data.
 * Electron's IPC router and the browser host both use this, so both enforce the same rules.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions): Dispatcher {
  const routes = new Map<string, Route>();
  for (const [domain, channels] of Object.entries(contract)) {
    const domainHandlers = handlers[domain as keyof Contract] as Record<string, Route['handler']>;
    for (const [name, channel] of Object.entries(channels) as [string, Channel][]) {
      const handler = domainHandlers[name];
      if (!handler) throw new Error(`No handler for channel ${channel.id}`);
      routes.set(channel.id, { channel, handler });
    }
  }

  const toError = (channelId: string, error: unknown): ErrorData => {
    if (error instanceof ClairError) return error.toData();
    options.logError(`Channel ${channelId} failed`, error);
    return {
      code: 'internal',
      message: `${channelId} failed unexpectedly; the details are in the control centre's log`,
    };
  };

  const record = (channel: Channel, request: unknown, startedAt: Date, error: ErrorData | undefined): void => {
    if (!channel.activity || !options.recordActivity) return;
    const environment =
      typeof request === 'object' &&
      request !== null &&
      'environment' in request &&
      typeof request.environment === 'string'
        ? request.environment
        : undefined;
    options.recordActivity({
      channel: channel.id,
      title: channel.activity.title,
      environment,
      startedAt,
      finishedAt: new Date(),
      error,
    });
  };

  const accept = <K extends Channel['kind']>(
    channelId: string,
    payload: unknown,
    kind: K,
  ): Result<{ channel: Extract<Channel, { kind: K }>; handler: Route['handler']; request: unknown }> => {
    const route = routes.get(channelId);
    if (!route || route.channel.kind !== kind) {
      const reason = !channelId.startsWith(channelPrefix)
        ? `lacks the ${channelPrefix} prefix`
        : route
          ? `is a ${route.channel.kind} channel, not a ${kind} one`
          : 'is not in the contract';
      return failure('unknown-channel', `Channel "${channelId}" ${reason}`);
    }
    const request = route.channel.request.safeParse(payload);
    if (!request.success) {
      const details = request.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
      return failure('bad-request', `Invalid payload for ${channelId}`, details);
    }
    // The kind was checked above; TypeScript cannot narrow a union by a generic parameter.
    const channel = route.channel as Extract<Channel, { kind: K }>;
    return { ok: true, result: { channel, handler: route.handler, request: request.data } };
  };

  return {
    invoke: async (channelId, payload) => {
      const accepted = accept(channelId, payload, 'invoke');
      if (!accepted.ok) return accepted;
      const { channel, handler, request } = accepted.result;
      const startedAt = new Date();
      let reply: Result<unknown>;
      try {
        const result = await (handler as (request: unknown) => Promise<unknown>)(request);
        reply = { ok: true, result: channel.response.parse(result) };
      } catch (error) {
        reply = { ok: false, error: toError(channelId, error) };
      }
      record(channel, request, startedAt, reply.ok ? undefined : reply.error);
      return reply;
    },

    open: (channelId, payload, send) => {
      const accepted = accept(channelId, payload, 'stream');
      if (!accepted.ok) {
        send({ type: 'end', error: accepted.error });
        return () => undefined;
      }
      const { channel, handler, request } = accepted.result;
      const controller = new AbortController();
      const startedAt = new Date();
      let ended = false;
      const end = (error?: ErrorData): void => {
        if (ended) return;
        ended = true;
        send(error ? { type: 'end', error } : { type: 'end' });
        record(channel, request, startedAt, error);
      };
      const emit = (event: unknown): void => {
        if (ended || controller.signal.aborted) return;
        const checked = channel.event.safeParse(event);
        if (!checked.success) {
          controller.abort();
          end(toError(channelId, checked.error));
          return;
        }
        send({ type: 'event', event: checked.data });
      };
      (handler as StreamHandler<z.ZodType, z.ZodType>)(request, emit, controller.signal).then(
        () => end(),
        (error: unknown) => end(toError(channelId, error)),
      );
      return () => {
        if (ended) return;
        controller.abort();
        end();
      };
    },
  };
}

function failure(code: ClairError['code'], message: string, details?: string[]): Result<never> & { ok: false } {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
}
