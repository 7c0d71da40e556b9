import { type Result, type Transport, type WireRequest, WireResponse, wirePath } from '../../../electron/contract';

/**
 * Browser mode's transport: calls go to electron/host over one WebSocket on the page's own
 * origin. A closed socket fails the calls in flight with 'unavailable' instead of hanging them.
 */
export function createWebSocketTransport(token: string): Transport {
  const pending = new Map<number, (reply: Result<unknown>) => void>();
  let nextId = 0;
  let socket: Promise<WebSocket> | undefined;

  const fail = (message: string): Result<never> => ({ ok: false, error: { code: 'unavailable', message } });

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
        pending.get(response.data.id)?.(response.data.reply);
        pending.delete(response.data.id);
      };
      ws.onclose = (event) => {
        socket = undefined;
        const reason = event.reason || 'the connection to the control centre closed';
        for (const settle of pending.values()) settle(fail(reason));
        pending.clear();
        reject(new Error(reason));
      };
    });

  return async (channel, payload) => {
    socket ??= connect();
    let ws: WebSocket;
    try {
      ws = await socket;
    } catch (error) {
      return fail((error as Error).message);
    }
    const id = nextId++;
    const request: WireRequest = { id, channel, payload };
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify(request));
    });
  };
}
