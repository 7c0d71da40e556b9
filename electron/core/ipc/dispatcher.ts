import type { z } from 'zod';

import { ClairError, type Contract, channelPrefix, contract, type InvokeChannel, type Result } from '../../contract';

type Handler<C> = C extends InvokeChannel
  ? (request: z.output<C['request']>) => Promise<z.input<C['response']>>
  : never;

/** One implementation per contract channel; the compiler makes sure none is missing. */
export type Handlers = {
  [Domain in keyof Contract]: { [Name in keyof Contract[Domain]]: Handler<Contract[Domain][Name]> };
};

export type Dispatch = (channelId: string, payload: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Where unexpected failures go with their stack; the caller only sees a generic message. */
  logError: (message: string, error: unknown) => void;
}

interface Route {
  channel: InvokeChannel;
  handler: (request: unknown) => Promise<unknown>;
}

/**
 * The one place where every call from a renderer is checked: the channel must be in the
 * contract, the payload must match its schema, and whatever happens comes back as a Result.
 * Electron's IPC router and the browser host both call this, so both enforce the same rules.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions): Dispatch {
  const routes = new Map<string, Route>();
  for (const [domain, channels] of Object.entries(contract)) {
    const domainHandlers = handlers[domain as keyof Contract] as Record<string, Route['handler']>;
    for (const [name, channel] of Object.entries(channels) as [string, InvokeChannel][]) {
      const handler = domainHandlers[name];
      if (!handler) throw new Error(`No handler for channel ${channel.id}`);
      routes.set(channel.id, { channel, handler });
    }
  }

  return async (channelId, payload) => {
    const route = routes.get(channelId);
    if (!route) {
      const reason = channelId.startsWith(channelPrefix)
        ? 'is not in the contract'
        : `lacks the ${channelPrefix} prefix`;
      return failure('unknown-channel', `Channel "${channelId}" ${reason}`);
    }
    const request = route.channel.request.safeParse(payload);
    if (!request.success) {
      const details = request.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
      return failure('bad-request', `Invalid payload for ${channelId}`, details);
    }
    try {
      const result = await route.handler(request.data);
      return { ok: true, result: route.channel.response.parse(result) };
    } catch (error) {
      if (error instanceof ClairError) return { ok: false, error: error.toData() };
      options.logError(`Channel ${channelId} failed`, error);
      return failure('internal', `${channelId} failed unexpectedly; the details are in the control centre's log`);
    }
  };
}

function failure(code: ClairError['code'], message: string, details?: string[]): Result<never> {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
}
