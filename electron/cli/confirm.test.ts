import { describe, expect, it } from 'vitest';

import type { CliIo } from './cli-io';
import { confirmAction } from './confirm';

const production = { name: 'production', class: 'production', dockerContext: 'prod-swarm' } as const;
const development = { name: 'dev', class: 'development', dockerContext: 'default' } as const;

/** An IO whose terminal answers with the given lines, recording what was asked and said. */
function terminal(...answers: string[]) {
  const asked: string[] = [];
  const errors: string[] = [];
  const io: CliIo = {
    out: () => undefined,
    err: (line) => errors.push(line),
    prompt: (question) => {
      asked.push(question);
      return Promise.resolve(answers.shift() ?? '');
    },
  };
  return { io, asked, errors };
}

describe('confirmAction', () => {
  it('goes ahead without asking when the guardrails need nothing', async () => {
    const { io, asked } = terminal();
    expect(await confirmAction(io, development, 'deploy', false)).toBe(true);
    expect(await confirmAction(io, development, 'plan', false)).toBe(true);
    expect(asked).toEqual([]);
  });

  it('asks for the environment name and accepts it typed', async () => {
    const { io, asked } = terminal('production\n');
    expect(await confirmAction(io, production, 'deploy', false)).toBe(true);
    expect(asked).toEqual([
      'This needs confirmation because deploy acts on the swarm of the docker context "prod-swarm". Type the environment\'s name (production) to proceed: ',
    ]);
  });

  it('refuses "yes" or any other answer than the name', async () => {
    for (const answer of ['yes', 'y', 'Production', '']) {
      const { io, errors } = terminal(answer);
      expect(await confirmAction(io, production, 'rm', false)).toBe(false);
      expect(errors).toEqual(['Not confirmed (expected "production"). Nothing was changed.']);
    }
  });

  it('takes -y as the confirmation, without asking', async () => {
    const { io, asked } = terminal();
    expect(await confirmAction(io, production, 'rollback', true)).toBe(true);
    expect(asked).toEqual([]);
  });

  it('refuses without a terminal to ask on, and says to pass -y', async () => {
    const errors: string[] = [];
    const io: CliIo = { out: () => undefined, err: (line) => errors.push(line) };
    expect(await confirmAction(io, production, 'manage', false)).toBe(false);
    expect(errors[0]).toMatch(/stdin is not a terminal to ask on\. Pass -y to confirm\./);
  });
});
