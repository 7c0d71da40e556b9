import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { DeadLetterStore } from './dead-letter-store';
import type { BatchOutcome, IngestClient } from './ingest-client';
import { silentLog } from './log';
import { createMetrics } from './metrics';
import { Spool } from './spool';
import { SpoolSender } from './spool-sender';
import type { NewSample, SpooledSample } from './spooled-sample';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const sample = (timestampS: number): NewSample => ({
  nodeId: '66b8ccaa-90b9-2d24-bf59-0ea9e23b3bb4',
  deviceId: 'eui-a81758fffe052b0f',
  sample: { timestampS, co2Ppm: 600, temperatureCelsius: null, relHumidityPercent: null },
});

/** An ingestair that answers from a script, then delivers everything; it records each batch. */
function scriptedIngest(script: ((batch: readonly SpooledSample[]) => BatchOutcome)[]) {
  const batches: number[][] = [];
  const client: IngestClient = {
    async send(batch) {
      batches.push(batch.map((entry) => entry.sample.timestampS));
      const answer = script.shift();
      return answer
        ? answer(batch)
        : { kind: 'answered', results: batch.map((_, index) => ({ index, status: 'created' as const })) };
    },
  };
  return { client, batches };
}

async function setUp(ingest: IngestClient, batchSize = 10) {
  const directory = await mkdtemp(join(tmpdir(), 'clair-sender-'));
  cleanups.push(() => rm(directory, { recursive: true, force: true }));
  const spool = await Spool.open(directory);
  const deadLetters = await DeadLetterStore.open(directory);
  const metrics = createMetrics(spool);
  const sender = new SpoolSender(spool, deadLetters, ingest, metrics, silentLog, {
    batchSize,
    lingerMs: 0,
    minBackoffMs: 10,
  });
  cleanups.push(() => sender.stop(0));
  return { spool, deadLetters, metrics, sender };
}

describe('SpoolSender', () => {
  it('sends the spool oldest first in batches of at most batchSize', async () => {
    const ingest = scriptedIngest([]);
    const { spool, metrics } = await setUp(ingest.client, 2);
    await spool.append([sample(1), sample(2), sample(3)]);
    await expect.poll(() => spool.size).toBe(0);
    expect(ingest.batches.flat()).toEqual([1, 2, 3]);
    expect(ingest.batches.every((batch) => batch.length <= 2)).toBe(true);
    expect(await metrics.forwarded.get()).toMatchObject({ values: [{ value: 3 }] });
  });

  it('dead-letters the samples ingestair refused, with its reason, and counts the rest as forwarded', async () => {
    const ingest = scriptedIngest([
      () => ({
        kind: 'answered',
        results: [
          { index: 0, status: 'created' },
          { index: 1, status: 'invalid', reason: 'sample 1: co2_ppm must be an integer from 0 to 10000' },
          { index: 2, status: 'unknown_node' },
          { index: 3, status: 'duplicate' },
        ],
      }),
    ]);
    const { spool, deadLetters, metrics } = await setUp(ingest.client);
    await spool.append([sample(1), sample(2), sample(3), sample(4)]);
    await expect.poll(() => spool.size).toBe(0);
    const letters = await deadLetters.list();
    expect(letters.map((letter) => [letter.reason, letter.sample?.sample.timestampS])).toEqual([
      ['invalid_sample', 2],
      ['unknown_node', 3],
    ]);
    expect(letters[0]?.detail).toContain('co2_ppm');
    expect(await metrics.forwarded.get()).toMatchObject({ values: [{ value: 2 }] });
  });

  it('keeps the batch and says why while ingestair cannot take it, then delivers it', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const ingest = scriptedIngest([
      () => ({ kind: 'retry', detail: 'HTTP 503', retryAfterMs: 0 }),
      () => ({ kind: 'retry', detail: 'HTTP 503', retryAfterMs: 0 }),
    ]);
    const gated: IngestClient = {
      send: async (batch) => {
        if (ingest.batches.length >= 2) await released;
        return ingest.client.send(batch);
      },
    };
    const { spool, sender } = await setUp(gated);
    await spool.append([sample(1)]);
    await expect.poll(() => ingest.batches.length).toBe(2);
    expect(spool.size).toBe(1);
    expect(sender.failing).toBe('HTTP 503');
    release();
    await expect.poll(() => spool.size).toBe(0);
    expect(sender.failing).toBeUndefined();
    expect(ingest.batches).toEqual([[1], [1], [1]]);
  });

  it('dead-letters a batch ingestair refused as a whole rather than retrying it forever', async () => {
    const ingest = scriptedIngest([() => ({ kind: 'refused', detail: 'HTTP 413: too large' })]);
    const { spool, deadLetters } = await setUp(ingest.client);
    await spool.append([sample(1), sample(2)]);
    await expect.poll(() => spool.size).toBe(0);
    expect((await deadLetters.list()).map((letter) => [letter.reason, letter.detail])).toEqual([
      ['ingest_rejected', 'HTTP 413: too large'],
      ['ingest_rejected', 'HTTP 413: too large'],
    ]);
    expect(ingest.batches).toEqual([[1, 2]]);
  });

  it('stops within its flush time while ingestair is away, leaving the samples spooled', async () => {
    const down: IngestClient = { send: async () => ({ kind: 'retry', detail: 'ECONNREFUSED', retryAfterMs: 60_000 }) };
    const { spool, sender } = await setUp(down);
    await spool.append([sample(1)]);
    await expect.poll(() => sender.failing).toBe('ECONNREFUSED');
    await sender.stop(50);
    expect(spool.size).toBe(1);
  });
});
