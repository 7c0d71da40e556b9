import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { runClairctl } from './run-clairctl';

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runClairctl(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('clairctl', () => {
  it('lists the environments of a project folder', async () => {
    const root = await mkdtemp(join(tmpdir(), 'clairctl-'));
    await mkdir(join(root, 'environments'));
    await writeFile(join(root, 'environments', 'dev.env'), '');
    await writeFile(join(root, 'environments', 'production.env.example'), '');
    const { code, out } = await run(['environments', '--root', root]);
    expect(code).toBe(0);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^dev\s+dev\.env\s+ready$/);
    expect(out[1]).toMatch(/^production\s+production\.env\.example\s+example$/);
  });

  it('says how to add one when there are none', async () => {
    const root = await mkdtemp(join(tmpdir(), 'clairctl-'));
    const { code, out } = await run(['environments', '--root', root]);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/add a NAME\.env file/);
  });

  it('refuses an unknown command with exit code 2 and the usage', async () => {
    const { code, err } = await run(['deploy-everything']);
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/unknown command "deploy-everything"[\s\S]*Usage: clairctl/);
  });
});
