import { randomBytes, timingSafeEqual } from 'node:crypto';

import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';

import { WireRequest, type WireResponse, wirePath } from '../contract';
import type { Dispatcher } from '../core/ipc/dispatcher';
import { createPageStreams } from '../core/ipc/page-streams';
import { contentSecurityPolicy, frameAncestorsNone } from '../core/security/content-security-policy';

export interface HostOptions {
  /** The built renderer (Vite's output folder). */
  rendererDir: string;
  dispatcher: Dispatcher;
  /** 0 picks a free port. */
  port: number;
  log: (message: string) => void;
}

export interface RunningHost {
  /** The address to open, with the per-launch token in the fragment so it never reaches a server log. */
  url: string;
  origin: string;
  token: string;
  close: () => Promise<void>;
}

/** Browser mode: serves the renderer and the IPC contract on loopback only. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = randomBytes(32).toString('base64url');
  const app = Fastify({ logger: false });
  let origin = '';

  app.addHook('onRequest', async (request, reply) => {
    // A page on another site could resolve its own name to 127.0.0.1 (DNS rebinding); only our
    // exact origin's Host header is served.
    if (request.headers.host !== new URL(origin).host) {
      return reply.code(421).send('Misdirected request');
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Content-Security-Policy', `${contentSecurityPolicy}; ${frameAncestorsNone}`);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
  });

  await app.register(fastifyWebsocket, { options: { maxPayload: 16 * 1024 * 1024 } });
  await app.register(fastifyStatic, { root: options.rendererDir, index: ['index.html'] });
  registerIpc(app, options, token, () => origin);

  const address = await app.listen({ host: '127.0.0.1', port: options.port });
  origin = address;
  options.log(`Clair control centre (browser mode) listening on ${origin}`);
  return { url: `${origin}/#token=${token}`, origin, token, close: () => app.close() };
}

function registerIpc(app: FastifyInstance, options: HostOptions, token: string, origin: () => string): void {
  app.get(wirePath, { websocket: true }, (socket, request) => {
    const offered = new URL(request.url, origin()).searchParams.get('token') ?? '';
    // The sender check of browser mode: the right token, from a page of our own origin.
    if (!sameSecret(offered, token) || request.headers.origin !== origin()) {
      socket.close(
        1008,
        'Forbidden: open the address the control centre printed at start; it carries the access token',
      );
      return;
    }
    serveSocket(socket, options.dispatcher);
  });
}

/** Answers calls and carries streams for one page; its streams end when the page goes away. */
function serveSocket(socket: WebSocket, dispatcher: Dispatcher): void {
  const send = (response: WireResponse): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(response));
  };
  const streams = createPageStreams(dispatcher, (stream, message) => send({ type: 'stream', stream, message }));

  socket.on('message', (data: Buffer) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString('utf8'));
    } catch {
      socket.close(1007, 'Messages must be JSON');
      return;
    }
    const request = WireRequest.safeParse(parsed);
    if (!request.success) {
      socket.close(1007, 'Messages must be an invoke, open or close request');
      return;
    }
    const message = request.data;
    switch (message.type) {
      case 'invoke':
        void dispatcher
          .invoke(message.channel, message.payload)
          .then((reply) => send({ type: 'reply', id: message.id, reply }));
        return;
      case 'open':
        streams.open(message.stream, message.channel, message.payload);
        return;
      case 'close':
        streams.close(message.stream);
    }
  });

  socket.on('close', streams.closeAll);
}

function sameSecret(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
