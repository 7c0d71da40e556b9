import { parseArgs } from 'node:util';

import { type Command, say } from './command';
import { type CheckResult, runDeploymentChecks } from './deployment-checks';

function format({ status, check, detail, fix }: CheckResult): string {
  return `${status.padEnd(8)}${check}: ${detail}${fix ? ` → ${fix}` : ''}`;
}

/** `managair check`: one line per check; exits 0 only when no check found a problem. */
export const checkCommand: Command = {
  name: 'check',
  summary: 'Check the configuration, database, schema, Redis, secret files and data; exit 1 on any problem',
  run: async (args, io) => {
    parseArgs({ args, options: {} });
    const results = await runDeploymentChecks(io.env, Math.floor(Date.now() / 1000));
    for (const result of results) say(io.stdout, format(result));
    const problems = results.filter((r) => r.status === 'problem').length;
    say(io.stdout, problems ? `${problems} problem${problems > 1 ? 's' : ''} found.` : 'No problems found.');
    return problems ? 1 : 0;
  },
};
