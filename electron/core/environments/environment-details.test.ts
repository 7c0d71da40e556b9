import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { environmentDetails } from './environment-details';

describe('environmentDetails', () => {
  it('reads every file, a malformed one with its problems and line numbers instead of failing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'envh-details-'));
    await writeFile(
      join(dir, 'dev.env'),
      'CLAIR_ENVIRONMENT_CLASS=development\nCLAIR_STACK_NAME=envh-dev\nCLAIR_DOMAIN=dev.example\n',
    );
    await writeFile(join(dir, 'broken.env'), 'CLAIR_ENVIRONMENT_CLASS=staging\nDOCKER CONTEXT=prod\n');
    await writeFile(join(dir, 'production.env.example'), 'CLAIR_ENVIRONMENT_CLASS=production\nDOCKER_CONTEXT=prod\n');

    const details = await environmentDetails(dir);

    expect(details.map((d) => [d.name, d.class, d.isExample])).toEqual([
      ['broken', 'staging', false],
      ['dev', 'development', false],
      ['production', 'production', true],
    ]);
    expect(details[1]).toMatchObject({
      stackName: 'envh-dev',
      dockerContext: 'default',
      domain: 'dev.example',
      problems: [],
    });
    expect(details[0]!.problems).toEqual([
      expect.objectContaining({ severity: 'error', line: 2, message: expect.stringContaining('not a NAME=value') }),
    ]);
    expect(details[2]!.dockerContext).toBe('prod');
  });
});
