import { randomUUID } from 'node:crypto';

import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../../tests/support/context';
import { captureIo } from './capture-io';
import { runManagair } from './run-managair';

describe('managair enqueue', () => {
  const { CLAIR_REDIS_URL } = testEnvironment();
  // A queue of its own per run, with no worker: jobs stay where the test can read them.
  const TASK_QUEUE = `clair-test-${randomUUID()}`;
  const env = { REDIS_URL: CLAIR_REDIS_URL, TASK_QUEUE };
  const queue = new Queue(TASK_QUEUE, { connection: { url: CLAIR_REDIS_URL } });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('queues a known task with its data, defaults applied, and prints the job id', async () => {
    let io = captureIo(env);
    expect(await runManagair(['enqueue', 'check-node-fidelity', '--data', '{"lookbackSeconds":3600}'], io)).toBe(0);
    const id = io.output().trim();
    expect(await queue.getJob(id)).toMatchObject({ name: 'check-node-fidelity', data: { lookbackSeconds: 3600 } });

    io = captureIo(env);
    expect(await runManagair(['enqueue', 'check-node-fidelity'], io)).toBe(0);
    const job = await queue.getJob(io.output().trim());
    expect(job).toMatchObject({ data: { lookbackSeconds: 7200 }, opts: { attempts: 5 } });
  });

  it.each([
    [['enqueue', 'rebuild-everything'], /Unknown task "rebuild-everything"; known tasks: check-node-fidelity/],
    [
      ['enqueue', 'check-node-fidelity', '--data', '{"lookbackSeconds":"2h"}'],
      /Invalid data for task "check-node-fidelity":\n {2}data\.lookbackSeconds: Invalid input: expected number/,
    ],
    [['enqueue', 'check-node-fidelity', '--data', '{"lookback":60}'], /data: Unrecognized key: "lookback"/],
    [['enqueue', 'check-node-fidelity', '--data', '{lookbackSeconds: 60}'], /--data: not valid JSON/],
  ])('refuses %j with a clear message and queues nothing', async (args, message) => {
    const io = captureIo(env);
    expect(await runManagair(args, io)).toBe(1);
    expect(io.errors()).toMatch(message);
    expect(io.output()).toBe('');
    expect(await queue.count()).toBe(2);
  });

  it('shows the usage, with the tasks, when no task is given', async () => {
    const io = captureIo(env);
    expect(await runManagair(['enqueue'], io)).toBe(2);
    expect(io.errors()).toMatch(
      /no task given\n\nUsage: managair enqueue <task> \[--data JSON\][\s\S]*check-node-fidelity/,
    );
  });

  it('reports an unreachable Redis instead of waiting for it', async () => {
    const io = captureIo({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect(await runManagair(['enqueue', 'check-node-fidelity'], io)).toBe(1);
    expect(io.errors()).toMatch(/^managair enqueue: .*ECONNREFUSED/);
  });
});
