/**
 * `tsx scripts/start/prepare-dev-secrets.ts [--plan]`: creates the missing secret files of
 * environments/dev.env for start.sh, naming each (never its value).
 */
import { relative, resolve } from 'node:path';

import { prepareDevSecrets } from './dev-secrets';

const root = resolve(import.meta.dirname, '../..');
const dryRun = process.argv.includes('--plan');
const created = await prepareDevSecrets(resolve(root, 'environments/dev.env'), resolve(root, 'stack-templates'), {
  dryRun,
});
for (const path of created) {
  console.log(
    `start: ${dryRun ? 'would create' : 'created'} the dev secret ${relative(root, path)} (generated, mode 0600)`,
  );
}
if (created.length === 0) console.log('start: the dev secrets exist');
