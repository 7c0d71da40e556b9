import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { DeadLetterStore, type NewDeadLetter } from './dead-letter-store';

const directories: string[] = [];
afterEach(async () => {
  while (directories.length) await rm(directories.pop()!, { recursive: true, force: true });
});

async function storeDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'clair-dead-letters-'));
  directories.push(directory);
  return directory;
}

const badJson: NewDeadLetter = {
  reason: 'bad_json',
  deviceId: 'dev1',
  detail: 'Unexpected token',
  message: Buffer.from('{oops').toString('base64'),
};
const decodeError: NewDeadLetter = { reason: 'decode_error', deviceId: 'dev2', detail: 'payload too short' };

describe('DeadLetterStore', () => {
  it('keeps letters across a reopen and lists them by reason', async () => {
    const directory = await storeDirectory();
    const store = await DeadLetterStore.open(directory);
    const [stored] = await store.add([badJson]);
    await store.add([decodeError]);
    expect(stored).toMatchObject({ ...badJson, id: expect.any(String), at: expect.any(String) });

    const reopened = await DeadLetterStore.open(directory);
    expect((await reopened.list()).map((letter) => letter.deviceId)).toEqual(['dev1', 'dev2']);
    expect((await reopened.list('decode_error')).map((letter) => letter.deviceId)).toEqual(['dev2']);
  });

  it('replays only the chosen reason and keeps what fails again as new letters', async () => {
    const store = await DeadLetterStore.open(await storeDirectory());
    await store.add([badJson, decodeError]);
    const handed: string[] = [];
    const result = await store.replay('bad_json', async (letters) => {
      handed.push(...letters.map((letter) => letter.reason));
      return [{ ...badJson, detail: 'still broken' }];
    });
    expect(handed).toEqual(['bad_json']);
    expect(result).toEqual({ replayed: 1, failedAgain: 1 });
    expect((await store.list()).map((letter) => letter.detail)).toEqual(['payload too short', 'still broken']);
  });

  it('keeps the letters when replaying them fails', async () => {
    const store = await DeadLetterStore.open(await storeDirectory());
    await store.add([decodeError]);
    await expect(
      store.replay(undefined, async () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await store.list()).toHaveLength(1);
  });
});
