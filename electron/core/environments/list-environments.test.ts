import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { listEnvironments } from './list-environments';

describe('listEnvironments', () => {
  it('lists env files and examples by name and ignores everything else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clair-envs-'));
    for (const file of ['production.env.example', 'dev.env', 'staging.env.example', 'notes.md', 'bad name.env']) {
      await writeFile(join(dir, file), '');
    }
    await mkdir(join(dir, 'secrets'));
    expect(await listEnvironments(dir)).toEqual([
      { name: 'dev', file: 'dev.env', isExample: false },
      { name: 'production', file: 'production.env.example', isExample: true },
      { name: 'staging', file: 'staging.env.example', isExample: true },
    ]);
  });

  it('treats a missing folder as no environments', async () => {
    expect(await listEnvironments(join(tmpdir(), 'clair-no-such-folder-4711'))).toEqual([]);
  });
});
