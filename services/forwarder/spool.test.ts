import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { Spool } from './spool';
import type { NewSample } from './spooled-sample';

const directories: string[] = [];
afterEach(async () => {
  while (directories.length) await rm(directories.pop()!, { recursive: true, force: true });
});

async function spoolDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'clair-spool-'));
  directories.push(directory);
  return directory;
}

const sample = (timestampS: number): NewSample => ({
  nodeId: '66b8ccaa-90b9-2d24-bf59-0ea9e23b3bb4',
  deviceId: 'eui-a81758fffe052b0f',
  sample: { timestampS, co2Ppm: 600, temperatureCelsius: 20.5, relHumidityPercent: null },
});

const timestamps = (spool: Spool): number[] => spool.head(Infinity).map((entry) => entry.sample.timestampS);

describe('Spool', () => {
  it('keeps appended samples in order until they are removed', async () => {
    const spool = await Spool.open(await spoolDirectory());
    await spool.append([sample(1), sample(2)]);
    await spool.append([sample(3)]);
    expect(spool.head(2).map((entry) => entry.sample.timestampS)).toEqual([1, 2]);
    await spool.remove(2);
    expect(timestamps(spool)).toEqual([3]);
    expect(spool.size).toBe(1);
  });

  it('still holds every unremoved sample after a crash (the object dropped without close)', async () => {
    const directory = await spoolDirectory();
    const first = await Spool.open(directory);
    await first.append([sample(1), sample(2), sample(3)]);
    await first.remove(1);
    await first.append([sample(4)]);

    const reopened = await Spool.open(directory);
    expect(timestamps(reopened)).toEqual([2, 3, 4]);
    const seqs = reopened.head(Infinity).map((entry) => entry.seq);
    await reopened.append([sample(5)]);
    expect(reopened.head(Infinity).at(-1)?.seq).toBeGreaterThan(Math.max(...seqs));
  });

  it('never reuses a sequence number after everything was delivered, so no old sample comes back', async () => {
    const directory = await spoolDirectory();
    const first = await Spool.open(directory);
    await first.append([sample(1), sample(2)]);
    await first.remove(2);
    const second = await Spool.open(directory);
    expect(second.size).toBe(0);
    await second.append([sample(3)]);
    expect(timestamps(await Spool.open(directory))).toEqual([3]);
  });

  it('skips a torn last line left by a crash mid-append, and appends cleanly after it', async () => {
    const directory = await spoolDirectory();
    const first = await Spool.open(directory);
    await first.append([sample(1)]);
    await appendFile(join(directory, 'samples.jsonl'), '{"seq":2,"nodeId":"66b8');

    const reopened = await Spool.open(directory);
    expect(timestamps(reopened)).toEqual([1]);
    await reopened.append([sample(2)]);
    expect(timestamps(await Spool.open(directory))).toEqual([1, 2]);
    expect((await readFile(join(directory, 'samples.jsonl'), 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('reports the age of its oldest sample', async () => {
    const spool = await Spool.open(await spoolDirectory());
    expect(spool.oldestSpooledAt).toBeUndefined();
    const before = Date.now();
    await spool.append([sample(1)]);
    await spool.append([sample(2)]);
    expect(spool.oldestSpooledAt).toBeGreaterThanOrEqual(before);
    expect(spool.oldestSpooledAt).toBe(spool.head(1)[0]?.spooledAt);
  });

  it('tells a listener about each append', async () => {
    const spool = await Spool.open(await spoolDirectory());
    let calls = 0;
    spool.onAppend(() => calls++);
    await spool.append([sample(1)]);
    await spool.append([]);
    expect(calls).toBe(1);
  });
});
