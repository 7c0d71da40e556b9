import {
  type Result,
  type StreamListener,
  type Transport,
  type WireRequest,
  WireResponse,
  wirePath,
} from '../../../electron/contract';

/**
 * Browser mode's transport: calls and streams go to electron/host over one WebSocket on the
 * page's own origin. A closed socket fails the calls in flight with 'unavailable' and ends the
 * open streams with the reason, instead of leaving either hanging; the next call reconnects.
 */
export function createWebSocketTransport(token: string): Transport {
  const pending = new Map<number, (reply: Result<unknown>) => void>();
  const streams = new Map<number, StreamListener<unknown>>();
  let nextId = 0;
  let socket: Promise<WebSocket> | undefined;

  const unavailable = (message: string) => ({ code: 'unavailable' as const, message });

  const connect = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const url = new URL(wirePath, location.href);
      url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
      url.searchParams.set('token', token);
      const ws = new WebSocket(url);
      ws.onopen = () => resolve(ws);
      ws.onmessage = (event: MessageEvent<string>) => {
        const response = WireResponse.safeParse(JSON.parse(event.data));
        if (!response.success) return;
        const data = response.data;
        if (data.type === 'reply') {
          pending.get(data.id)?.(data.reply);
          pending.delete(data.id);
          return;
        }
        const listener = streams.get(data.stream);
        if (data.message.type === 'end') streams.delete(data.stream);
        listener?.(data.message);
      };
      ws.onclose = (event) => {
        socket = undefined;
        const reason = event.reason || 'the connection to the control centre closed';
        for (const settle of pending.values()) settle({ ok: false, error: unavailable(reason) });
        pending.clear();
        for (const listener of streams.values()) listener({ type: 'end', error: unavailable(reason) });
        streams.clear();
        reject(new Error(reason));
      };
    });

  const send = async (request: WireRequest): Promise<string | undefined> => {
    socket ??= connect();
    try {
      (await socket).send(JSON.stringify(request));
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };

  return {
    invoke: (channel, payload) => {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        void send({ type: 'invoke', id, channel, payload }).then((failed) => {
          if (failed === undefined || !pending.delete(id)) return;
          resolve({ ok: false, error: unavailable(failed) });
        });
      });
    },
    open: (channel, payload, listener) => {
      const stream = nextId++;
      streams.set(stream, listener);
      void send({ type: 'open', stream, channel, payload }).then((failed) => {
        if (failed === undefined || !streams.delete(stream)) return;
        listener({ type: 'end', error: unavailable(failed) });
      });
      return () => {
        if (streams.delete(stream)) void send({ type: 'close', stream });
      };
    },
  };
}
