import type { Contract } from './channels';
import { contract } from './channels';
import type { InvokeChannel, RequestOf, ResponseOf } from './define';
import { ClairError, type Result } from './result';

/** Carries one call to the other side and brings back its result envelope. */
export type Transport = (channelId: string, payload: unknown) => Promise<Result<unknown>>;

type Method<Req, Out> = [Req] extends [void] ? () => Promise<Out> : (request: Req) => Promise<Out>;
type BridgeMethod<C> = C extends InvokeChannel ? Method<RequestOf<C>, Result<ResponseOf<C>>> : never;
type ApiMethod<C> = C extends InvokeChannel ? Method<RequestOf<C>, ResponseOf<C>> : never;

/**
 * What the preload exposes as window.clair: one method per contract channel, grouped by domain,
 * each answering with a Result envelope. Envelopes, not thrown errors, because Electron's
 * contextBridge strips everything but the message from an Error it carries.
 */
export type ClairBridge = {
  [D in keyof Contract]: { [N in keyof Contract[D]]: BridgeMethod<Contract[D][N]> };
};

/** What renderer code calls: the same methods, resolving with the result or throwing a ClairError. */
export type ClairApi = {
  [D in keyof Contract]: { [N in keyof Contract[D]]: ApiMethod<Contract[D][N]> };
};

function mapContract(method: (channel: InvokeChannel, domain: string, name: string) => unknown): unknown {
  return Object.fromEntries(
    Object.entries(contract).map(([domain, channels]) => [
      domain,
      Object.fromEntries(
        Object.entries(channels).map(([name, channel]: [string, InvokeChannel]) => [
          name,
          method(channel, domain, name),
        ]),
      ),
    ]),
  );
}

/** Builds the bridge over a transport: Electron IPC in the preload, a WebSocket in browser mode. */
export function createBridge(transport: Transport): ClairBridge {
  return mapContract((channel) => (request?: unknown) => transport(channel.id, request)) as ClairBridge;
}

/** Turns the bridge's envelopes back into results and ClairErrors for renderer code. */
export function createApi(bridge: ClairBridge): ClairApi {
  return mapContract((_channel, domain, name) => {
    const methods = bridge[domain as keyof ClairBridge] as Record<
      string,
      (request?: unknown) => Promise<Result<unknown>>
    >;
    return async (request?: unknown) => {
      const reply = await methods[name]!(request);
      if (!reply.ok) throw new ClairError(reply.error);
      return reply.result;
    };
  }) as ClairApi;
}
