import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';

import { contract, type WireResponse } from '../contract';
import type { Core } from '../core/handlers';
import { createTestCore } from '../core/test-core';
import { type RunningHost, startHost } from './host-server';

let host: RunningHost;
let core: Core;

beforeAll(async () => {
  const rendererDir = await mkdtemp(join(tmpdir(), 'clair-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>probe</title>');
  core = createTestCore({ version: '9.9.9', environmentsDir: rendererDir });
  host = await startHost({ rendererDir, dispatcher: core.dispatcher, port: 0, log: () => undefined });
});
afterAll(() => host.close());

function open(token: string, origin: string): WebSocket {
  const url = new URL('/ipc', host.origin.replace('http', 'ws'));
  url.searchParams.set('token', token);
  return new WebSocket(url, { origin });
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.on('close', (code) => resolve(code)));
}

function call(ws: WebSocket, message: string): Promise<WireResponse> {
  return new Promise((resolve) => {
    ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as WireResponse));
    ws.send(message);
  });
}

async function opened(): Promise<WebSocket> {
  const ws = open(host.token, host.origin);
  await new Promise((resolve) => ws.once('open', resolve));
  return ws;
}

describe('the browser host', () => {
  it('serves the renderer with a strict CSP and no referrer', async () => {
    const response = await fetch(host.origin);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>probe</title>');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('puts the token in the URL fragment, which browsers never send to a server', () => {
    expect(new URL(host.url).hash).toBe(`#token=${host.token}`);
  });

  it('refuses requests for another Host name (DNS rebinding)', async () => {
    const { port } = new URL(host.origin);
    // fetch() would replace the Host header, so this request is made by hand.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/', headers: { host: `attacker.example:${port}` } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
  });

  it('answers contract calls from its own page with the token', async () => {
    const ws = await opened();
    const response = await call(ws, JSON.stringify({ type: 'invoke', id: 7, channel: contract.app.getInfo.id }));
    expect(response).toEqual({
      type: 'reply',
      id: 7,
      reply: { ok: true, result: expect.objectContaining({ version: '9.9.9', shell: 'browser' }) },
    });
    ws.close();
  });

  it('carries a stream until the page closes it', async () => {
    const ws = await opened();
    const messages: WireResponse[] = [];
    ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as WireResponse));
    ws.send(JSON.stringify({ type: 'open', stream: 3, channel: contract.activity.follow.id }));
    // The host handles messages in order, so the stream is open once a later call is answered.
    await call(ws, JSON.stringify({ type: 'invoke', id: 1, channel: contract.app.getInfo.id }));
    const at = new Date();
    core.activity.record({
      channel: 'c',
      title: 'Scaled a service',
      environment: 'dev',
      startedAt: at,
      finishedAt: at,
      error: undefined,
    });
    await vi.waitFor(() => expect(messages.filter((m) => m.type === 'stream')).toHaveLength(1));
    ws.send(JSON.stringify({ type: 'close', stream: 3 }));
    await vi.waitFor(() => expect(messages.filter((m) => m.type === 'stream')).toHaveLength(2));
    expect(messages.filter((m) => m.type === 'stream')).toEqual([
      {
        type: 'stream',
        stream: 3,
        message: { type: 'event', event: expect.objectContaining({ title: 'Scaled a service' }) },
      },
      { type: 'stream', stream: 3, message: { type: 'end' } },
    ]);
    ws.close();
  });

  it('closes the socket for a wrong token', async () => {
    expect(await closed(open('wrong', host.origin))).toBe(1008);
  });

  it('closes the socket for a page of another origin, even with the token', async () => {
    expect(await closed(open(host.token, 'http://evil.example'))).toBe(1008);
  });

  it('closes the socket on a message that is not a wire request', async () => {
    const ws = await opened();
    ws.send('{"not":"a request"}');
    expect(await closed(ws)).toBe(1007);
  });
});
