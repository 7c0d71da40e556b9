import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { simulatedInventory } from './simulated-nodes';
import { type StorageServerOptions, storageServer, trafficReadRight } from './storage-server';
import { modelHistory } from './uplink-history';
import { UplinkSchedule } from './uplink-schedule';

const applicationId = 'clair-sim';
const nodes = simulatedInventory(9, 1);
const schedule = new UplinkSchedule(nodes, { seed: 9, epoch: new Date('2026-11-01T00:00:00Z') });
const history = modelHistory(schedule, { seed: 9, applicationId });
const nowMs = Date.parse('2026-11-23T12:00:00Z');
const apiKeys = [
  { key: 'NNSXS.GOOD', applicationId, rights: [trafficReadRight] },
  { key: 'NNSXS.OTHER', applicationId: 'other-app', rights: [trafficReadRight] },
  { key: 'NNSXS.NORIGHTS', applicationId, rights: ['RIGHT_APPLICATION_INFO'] },
];

const servers: FastifyInstance[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(options: Partial<StorageServerOptions> = {}) {
  const clock = { nowMs };
  const server = storageServer({ applicationId, history, apiKeys, now: () => new Date(clock.nowMs), ...options });
  servers.push(server);
  const address = await server.listen({ host: '127.0.0.1', port: 0 });
  const get = (
    path: string,
    query: Record<string, string> = {},
    key: string | null = 'NNSXS.GOOD',
    accept = 'text/event-stream',
  ) =>
    fetch(`${address}${path}?${new URLSearchParams(query).toString()}`, {
      headers: { Accept: accept, ...(key === null ? {} : { Authorization: `Bearer ${key}` }) },
    });
  return { get, clock };
}

const uplinks = `/api/v3/as/applications/${applicationId}/packages/storage/uplink_message`;

async function results(response: Response, delimiter = '\n\n') {
  const text = await response.text();
  return text
    .split(delimiter)
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => JSON.parse(chunk) as { result?: Record<string, unknown>; error?: { code: number } });
}

const expectedBetween = (fromMs: number, toMs: number) => [...history.between(fromMs, toMs, 'ascending')];
const receivedAt = (line: { result?: Record<string, unknown> }) => line.result?.received_at as string;

describe('Storage Integration stand-in', () => {
  it('requires an API key with traffic rights for this application', async () => {
    const { get } = await start();
    const missing = await get(uplinks, {}, null);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ code: 16 });
    expect((await get(uplinks, {}, 'NNSXS.UNKNOWN')).status).toBe(401);
    const otherApp = await get(uplinks, {}, 'NNSXS.OTHER');
    expect(otherApp.status).toBe(403);
    expect(await otherApp.json()).toMatchObject({
      code: 7,
      details: [{ '@type': 'type.googleapis.com/ttn.lorawan.v3.ErrorDetails' }],
    });
    expect((await get(uplinks, {}, 'NNSXS.NORIGHTS')).status).toBe(403);
    expect(
      (await get(`/api/v3/as/applications/other-app/packages/storage/uplink_message`, {}, 'NNSXS.GOOD')).status,
    ).toBe(403);
  });

  it('streams {"result": …} objects separated by blank lines as text/event-stream', async () => {
    const { get } = await start();
    const response = await get(uplinks, { after: '2026-11-23T10:00:00Z', before: '2026-11-23T11:00:00Z' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const lines = await results(response);
    const expected = expectedBetween(Date.parse('2026-11-23T10:00:00Z'), Date.parse('2026-11-23T11:00:00Z'));
    expect(lines.length).toBe(expected.length);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.map(receivedAt)).toEqual(expected.map((message) => message.received_at));
    // Stored messages have no correlation ids (ttn-formats.md §3.4).
    expect(lines[0]?.result).toEqual({ ...expected[0], correlation_ids: undefined });
    expect(lines[0]?.result).not.toHaveProperty('correlation_ids');
  });

  it('frames with single newlines as application/json for other Accept values', async () => {
    const { get } = await start();
    const response = await get(uplinks, { last: '1h' }, 'NNSXS.GOOD', 'application/json');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(text).not.toContain('\n\n');
    expect(text.trim().split('\n').length).toBe(expectedBetween(nowMs - 3_600_000, nowMs).length);
  });

  it('filters by last, f_port and device, and orders newest first on request', async () => {
    const { get } = await start();
    const lastLines = await results(await get(uplinks, { last: '12h' }));
    expect(lastLines.length).toBe(expectedBetween(nowMs - 12 * 3_600_000, nowMs).length);

    const ers = await results(await get(uplinks, { last: '12h', f_port: '5' }));
    expect(ers.length).toBeGreaterThan(0);
    expect(ers.every((line) => (line.result?.uplink_message as { f_port: number }).f_port === 5)).toBe(true);

    const device = nodes[0]?.deviceId ?? '';
    const perDevice = await results(
      await get(`/api/v3/as/applications/${applicationId}/devices/${device}/packages/storage/uplink_message`, {
        last: '12h',
      }),
    );
    expect(perDevice.length).toBeGreaterThan(0);
    expect(perDevice.every((line) => (line.result?.end_device_ids as { device_id: string }).device_id === device)).toBe(
      true,
    );

    const newestFirst = await results(await get(uplinks, { last: '12h', order: '-received_at', limit: '3' }));
    expect(newestFirst.map(receivedAt)).toEqual(lastLines.map(receivedAt).reverse().slice(0, 3));
  });

  it('rejects invalid arguments with code 3', async () => {
    const { get } = await start();
    const invalid: Record<string, string>[] = [
      { last: '7d' },
      { last: '1h', after: '2026-11-23T10:00:00Z' },
      { order: 'time' },
      { limit: '-1' },
      { field_mask: 'up.nonsense' },
    ];
    for (const query of invalid) {
      const response = await get(uplinks, query);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 3 });
    }
    expect((await get(`/api/v3/as/applications/${applicationId}/packages/storage/uplinks`)).status).toBe(400);
  });

  it('answers other message types with an empty stream and keeps only the retention window', async () => {
    const { get } = await start();
    expect(
      await (
        await get(`/api/v3/as/applications/${applicationId}/packages/storage/join_accept`, { last: '12h' })
      ).text(),
    ).toBe('');
    const old = await results(await get(uplinks, { after: '2026-11-20T00:00:00Z', before: '2026-11-22T00:00:00Z' }));
    expect(old).toEqual([]);
  });

  it('returns only the masked fields plus the device id and received_at', async () => {
    const { get } = await start();
    const [line] = await results(
      await get(uplinks, {
        last: '1h',
        limit: '1',
        field_mask: 'up.uplink_message.f_cnt,up.uplink_message.frm_payload',
      }),
    );
    expect(Object.keys(line?.result ?? {}).sort()).toEqual(['end_device_ids', 'received_at', 'uplink_message']);
    expect(Object.keys(line?.result?.uplink_message as object).sort()).toEqual(['f_cnt', 'frm_payload', 'settings']);
    expect(line?.result?.end_device_ids).toEqual({ device_id: expect.any(String), application_ids: {} });
  });

  it('pages with X-Continuation-Token, and by time with after=', async () => {
    const { get } = await start();
    const all = (await results(await get(uplinks, { last: '6h' }))).map(receivedAt);
    const byToken: string[] = [];
    let response = await get(uplinks, { last: '6h', limit: '7' });
    for (;;) {
      byToken.push(...(await results(response)).map(receivedAt));
      const token = response.headers.get('x-continuation-token');
      if (!token) break;
      response = await get(uplinks, { continuation_token: token, limit: '1000' });
    }
    expect(byToken).toEqual(all);

    const byTime: string[] = [];
    let after = new Date(nowMs - 6 * 3_600_000).toISOString();
    for (;;) {
      const page = (await results(await get(uplinks, { after, order: 'received_at', limit: '7' }))).map(receivedAt);
      byTime.push(...page);
      if (page.length < 7) break;
      after = page.at(-1) ?? after;
    }
    expect(byTime).toEqual(all);
  });

  it('answers 429 with retry headers over the rate limit, until the minute is over', async () => {
    const { get, clock } = await start({ rateLimitPerMinute: 2 });
    const first = await get(uplinks, { last: '10m' });
    expect(first.headers.get('x-rate-limit-limit')).toBe('2');
    expect(first.headers.get('x-rate-limit-available')).toBe('1');
    expect((await get(uplinks, { last: '10m' })).status).toBe(200);
    clock.nowMs += 15_000;
    const limited = await get(uplinks, { last: '10m' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-retry')).toBe('45');
    expect(limited.headers.get('x-rate-limit-reset')).toBe('45');
    expect(await limited.json()).toMatchObject({ code: 8, details: [{ name: 'rate_limit_exceeded' }] });
    clock.nowMs += 45_000;
    expect((await get(uplinks, { last: '10m' })).status).toBe(200);
  });

  it('counts stored uplinks per device for the same filters', async () => {
    const { get } = await start();
    const expected: Record<string, number> = {};
    for (const message of expectedBetween(nowMs - 6 * 3_600_000, nowMs)) {
      const id = message.end_device_ids.device_id;
      expected[id] = (expected[id] ?? 0) + 1;
    }
    const response = await get(`${uplinks}/count`, { last: '6h' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ count: expected });
    const device = nodes[1]?.deviceId ?? '';
    const perDevice = await get(
      `/api/v3/as/applications/${applicationId}/devices/${device}/packages/storage/uplink_message/count`,
      { last: '6h' },
    );
    expect(await perDevice.json()).toEqual({ count: { [device]: expected[device] } });
    expect((await get(`${uplinks}/count`, { last: '6h' }, 'NNSXS.OTHER')).status).toBe(403);
  });

  it('can end a 200 stream with an error object after some results', async () => {
    const { get } = await start({ errorAfterResults: 2 });
    const response = await get(uplinks, { last: '6h' });
    expect(response.status).toBe(200);
    const lines = await results(response);
    expect(lines.map((line) => Object.keys(line)[0])).toEqual(['result', 'result', 'error']);
    expect(lines[2]?.error).toMatchObject({ code: 14 });
  });

  it('serves further applications, each its own history, to keys of that application', async () => {
    const otherNodes = simulatedInventory(10, 1);
    const otherHistory = modelHistory(
      new UplinkSchedule(otherNodes, { seed: 10, epoch: new Date('2026-11-01T00:00:00Z') }),
      { seed: 10, applicationId: 'other-app' },
    );
    const { get } = await start({ otherApplications: [{ applicationId: 'other-app', history: otherHistory }] });
    const other = `/api/v3/as/applications/other-app/packages/storage/uplink_message`;
    const lines = await results(await get(other, { last: '1h' }, 'NNSXS.OTHER'));
    const devices = new Set(lines.map((line) => (line.result?.end_device_ids as { device_id: string }).device_id));
    expect(devices).toEqual(new Set(otherNodes.map((node) => node.deviceId)));
    expect((await get(other, { last: '1h' }, 'NNSXS.GOOD')).status).toBe(403);
    expect((await get(uplinks, { last: '1h' }, 'NNSXS.OTHER')).status).toBe(403);
    expect((await results(await get(uplinks, { last: '1h' }))).length).toBeGreaterThan(0);
  });

  it('can cut a stream off mid-message, and limit both faults to the first streams', async () => {
    const { get } = await start({ truncateAfterResults: 2, faultyStreams: 1 });
    const cut = await (await get(uplinks, { last: '6h' })).text();
    const chunks = cut.split('\n\n');
    expect(chunks).toHaveLength(3);
    expect(() => {
      JSON.parse(chunks[2]!);
    }).toThrow();
    expect(JSON.parse(chunks[1]!)).toHaveProperty('result');
    const whole = await results(await get(uplinks, { last: '6h' }));
    expect(whole.length).toBeGreaterThan(3);
    expect(whole.every((line) => line.result !== undefined)).toBe(true);
  });
});
