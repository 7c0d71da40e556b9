import type { Contract } from './channels';
import { contract } from './channels';
import type { Channel, EventOf, InvokeChannel, RequestOf, ResponseOf, StreamChannel } from './define';
import { ClairError, type Result } from './result';
import type { StreamListener, Unsubscribe } from './stream';

/** Carries calls and subscriptions to the other side: Electron IPC in the preload, a WebSocket in browser mode. */
export interface Transport {
  invoke: (channelId: string, payload: unknown) => Promise<Result<unknown>>;
  /** Opens a stream; its messages reach the listener until it ends or is unsubscribed. */
  open: (channelId: string, payload: unknown, listener: StreamListener<unknown>) => Unsubscribe;
}

type Method<Req, Out> = [Req] extends [void] ? () => Promise<Out> : (request: Req) => Promise<Out>;
type Subscribe<Req, Ev> = (request: Req, listener: StreamListener<Ev>) => Unsubscribe;

type BridgeMethod<C> = C extends InvokeChannel
  ? Method<RequestOf<C>, Result<ResponseOf<C>>>
  : C extends StreamChannel
    ? Subscribe<RequestOf<C>, EventOf<C>>
    : never;
type ApiMethod<C> = C extends InvokeChannel
  ? Method<RequestOf<C>, ResponseOf<C>>
  : C extends StreamChannel
    ? Subscribe<RequestOf<C>, EventOf<C>>
    : never;

/**
 * What the preload exposes as window.clair: one method per contract channel, grouped by domain.
 * Calls answer with a Result envelope, not thrown errors, because Electron's contextBridge
 * strips everything but the message from an Error it carries.
 */
export type ClairBridge = {
  [D in keyof Contract]: { [N in keyof Contract[D]]: BridgeMethod<Contract[D][N]> };
};

/** What renderer code calls: the same methods, resolving with the result or throwing a ClairError. */
export type ClairApi = {
  [D in keyof Contract]: { [N in keyof Contract[D]]: ApiMethod<Contract[D][N]> };
};

/** Every channel of the contract, for code that registers or checks them all. */
export function allChannels(): Channel[] {
  return Object.values(contract).flatMap((domain) => Object.values(domain) as Channel[]);
}

function mapContract(method: (channel: Channel, domain: string, name: string) => unknown): unknown {
  return Object.fromEntries(
    Object.entries(contract).map(([domain, channels]) => [
      domain,
      Object.fromEntries(
        Object.entries(channels).map(([name, channel]: [string, Channel]) => [name, method(channel, domain, name)]),
      ),
    ]),
  );
}

export function createBridge(transport: Transport): ClairBridge {
  return mapContract((channel) =>
    channel.kind === 'invoke'
      ? (request?: unknown) => transport.invoke(channel.id, request)
      : (request: unknown, listener: StreamListener<unknown>) => transport.open(channel.id, request, listener),
  ) as ClairBridge;
}

/** Turns the bridge's envelopes back into results and ClairErrors for renderer code. */
export function createApi(bridge: ClairBridge): ClairApi {
  return mapContract((channel, domain, name) => {
    const method = (bridge[domain as keyof ClairBridge] as Record<string, (...args: unknown[]) => unknown>)[name]!;
    if (channel.kind === 'stream') return method;
    return async (request?: unknown) => {
      const reply = (await method(request)) as Result<unknown>;
      if (!reply.ok) throw new ClairError(reply.error);
      return reply.result;
    };
  }) as ClairApi;
}
