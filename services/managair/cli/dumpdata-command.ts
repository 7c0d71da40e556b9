import { parseArgs } from 'node:util';

import { openDatabase } from '../../database/connection';
import { DatabaseEnv } from '../../database/env';
import { loadEnv } from '../../runtime/env';
import { dumpFixture, selectModels } from '../../fixtures/fixture-dumper';
import { type Command, say } from './command';
import { writeToOutput } from './output-file';

export const dumpdataCommand: Command = {
  name: 'dumpdata',
  summary: 'Write models (core.node, core, … or all) as a Django fixture to stdout or --output FILE',
  run: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { output: { type: 'string', short: 'o' } },
    });
    const models = selectModels(positionals);
    const { DATABASE_URL } = loadEnv(DatabaseEnv, io.env);
    const database = openDatabase(
      DATABASE_URL,
      (error) => say(io.stderr, `database connection lost: ${error.message}`),
      1,
    );
    try {
      const counts = await writeToOutput(values.output, io.stdout, (out) => dumpFixture(database.db, models, out));
      // The fixture may be on stdout, so the summary goes to stderr.
      const summary = [...counts].map(([label, count]) => `${label} ${count}`).join(', ');
      say(io.stderr, `Dumped ${summary}`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
