import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { fetchRange, type RangeEvent } from '../../electron/core/recovery/storage-client';
import { simulatedInventory } from '../../services/ttn-simulator/simulated-nodes';
import {
  type StorageServerOptions,
  storageServer,
  trafficReadRight,
} from '../../services/ttn-simulator/storage-server';
import { modelHistory } from '../../services/ttn-simulator/uplink-history';
import { UplinkSchedule } from '../../services/ttn-simulator/uplink-schedule';

const applicationId = 'client-test';
const nodes = simulatedInventory(5, 2);
const nowMs = Date.parse('2026-11-23T12:00:00Z');
const history = modelHistory(new UplinkSchedule(nodes, { seed: 5, epoch: new Date(nowMs - 10 * 86_400_000) }), {
  seed: 5,
  applicationId,
});
const range = { fromS: nowMs / 1000 - 3 * 3600, toS: nowMs / 1000 - 3600 };
const expected = [...history.between(range.fromS * 1000, range.toS * 1000, 'ascending')]
  .filter((message) => Date.parse(message.received_at) > range.fromS * 1000)
  .map((message) => `${message.end_device_ids.device_id} ${message.received_at}`);

const servers: FastifyInstance[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(options: Partial<StorageServerOptions> = {}) {
  const clock = { nowMs };
  const server = storageServer({
    applicationId,
    history,
    apiKeys: [{ key: 'NNSXS.KEY', applicationId, rights: [trafficReadRight] }],
    now: () => new Date(clock.nowMs),
    ...options,
  });
  servers.push(server);
  const baseUrl = await server.listen({ host: '127.0.0.1', port: 0 });
  return { access: { baseUrl, applicationId, apiKey: 'NNSXS.KEY' }, clock };
}

async function collect(events: AsyncIterable<RangeEvent>) {
  const uplinks: string[] = [];
  const problems: string[] = [];
  for await (const event of events) {
    if (event.kind === 'uplinks') {
      for (const uplink of event.uplinks as { end_device_ids: { device_id: string }; received_at: string }[]) {
        uplinks.push(`${uplink.end_device_ids.device_id} ${uplink.received_at}`);
      }
    } else {
      problems.push(event.problem.message);
    }
  }
  return { uplinks, problems };
}

describe('the Storage Integration client', () => {
  it.each([
    ['continuation tokens', true],
    ['time (no token exposed)', false],
  ])('pages by %s and returns every uplink of the range once', async (_how, continuationTokens) => {
    const { access } = await serve({ continuationTokens });
    const signal = new AbortController().signal;
    const { uplinks, problems } = await collect(fetchRange(access, range, { signal, pageLimit: 7 }));
    expect(expected.length).toBeGreaterThan(20);
    expect(problems).toEqual([]);
    expect(uplinks).toEqual(expected);
  });

  it('waits as long as X-Rate-Limit-Retry says before asking again', async () => {
    const { access, clock } = await serve({ rateLimitPerMinute: 1 });
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      clock.nowMs += ms;
    };
    const signal = new AbortController().signal;
    const { uplinks, problems } = await collect(fetchRange(access, range, { signal, pageLimit: 10, sleep }));
    expect(problems).toEqual([]);
    expect(uplinks).toEqual(expected);
    // One request a minute: every page after the first waits out the rest of its minute.
    expect(waits.length).toBe(Math.ceil(expected.length / 10) - 1);
    expect(new Set(waits)).toEqual(new Set([60_000]));
  });

  it('gives a range up after too many 429s, in words', async () => {
    const { access } = await serve({ rateLimitPerMinute: 1 });
    let waited = 0;
    const sleep = async () => {
      waited += 1;
    };
    const signal = new AbortController().signal;
    const { problems } = await collect(
      fetchRange(access, range, { signal, pageLimit: 10, sleep, maxRateLimitWaits: 4 }),
    );
    expect(waited).toBe(4);
    expect(problems).toEqual(['TTN kept answering 429 (rate limit) 5 times']);
  });

  it('stops paging by time, in words, when a page holds only uplinks of one millisecond already seen', async () => {
    const [message] = history.between(range.fromS * 1000, range.toS * 1000, 'ascending');
    const crowd = Array.from({ length: 12 }, (_, i) => ({
      ...message!,
      end_device_ids: { ...message!.end_device_ids, device_id: `crowd-${i}` },
    }));
    const { access } = await serve({
      continuationTokens: false,
      history: {
        between: (fromMs, toMs) =>
          crowd.filter((m) => Date.parse(m.received_at) >= fromMs && Date.parse(m.received_at) < toMs),
      },
    });
    const signal = new AbortController().signal;
    const { uplinks, problems } = await collect(fetchRange(access, range, { signal, pageLimit: 5 }));
    expect(uplinks).toHaveLength(5);
    expect(problems).toEqual(['more than 5 uplinks share one millisecond']);
  });

  it('backs off exponentially from a server that cannot be reached, then reports it', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const access = { baseUrl: 'http://127.0.0.1:9', applicationId, apiKey: 'NNSXS.KEY' };
    const signal = new AbortController().signal;
    const { problems } = await collect(fetchRange(access, range, { signal, sleep, maxFailures: 4 }));
    expect(waits).toEqual([500, 1000, 2000]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^cannot reach http:\/\/127\.0\.0\.1:9 \(.*\); gave up on this range after 4 failed attempts$/,
    );
  });
});
