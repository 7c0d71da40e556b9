import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { testStack } from '../swarm/test-stack';
import { Journal, type JournalEntry } from './journal';

const entry = (stack: string, result: JournalEntry['result']): Omit<JournalEntry, 'revision'> => ({
  stack,
  environment: 'staging',
  user: 'ana',
  at: '2026-11-29T12:00:00.000Z',
  result,
  model: testStack({ secretFile: '/run/token', configFile: '/run/site', webPort: 8080 }),
  images: { cache: { image: 'clair/redis:7', id: 'sha256:abc', digests: [] } },
  plan: { stack, services: [], secrets: [], configs: [], networks: [], volumes: [], noChanges: true },
  failures: [],
});

describe('Journal', () => {
  it('numbers revisions per stack and lists them oldest first', async () => {
    const journal = new Journal(join(await mkdtemp(join(tmpdir(), 'eng-journal-')), 'deploys'));
    expect(await journal.history('engone')).toEqual([]);
    await journal.record(entry('engone', 'converged'));
    await journal.record(entry('engtwo', 'failed'));
    const second = await journal.record(entry('engone', 'no-changes'));
    expect(second.revision).toBe(2);
    expect((await journal.history('engone')).map((e) => [e.revision, e.result])).toEqual([
      [1, 'converged'],
      [2, 'no-changes'],
    ]);
    expect((await journal.read('engtwo', 1)).environment).toBe('staging');
    expect(await readdir(journal.directory)).toEqual([
      'engone.000001.json',
      'engone.000002.json',
      'engtwo.000001.json',
    ]);
    await expect(journal.read('engone', 9)).rejects.toThrow(/Stack engone has no revision 9 in/);
  });
});
