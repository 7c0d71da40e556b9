import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';

import { openDatabase } from '../../database/connection';
import { DatabaseEnv } from '../../database/env';
import { pendingMigrations } from '../../database/migrate';
import { loadEnv } from '../../runtime/env';
import { type FixtureSource, loadFixture } from '../../fixtures/fixture-loader';
import { formatLoadReport } from '../../fixtures/load-report';
import { type Command, type CommandIo, say } from './command';

export const loaddataCommand: Command = {
  name: 'loaddata',
  summary: 'Load Django fixture files (or - for stdin), each in one transaction, in the order given',
  run: async (args, io) => {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    if (positionals.length === 0) {
      say(io.stderr, 'Usage: managair loaddata <fixture.json|-> [...]');
      return 2;
    }
    const { DATABASE_URL } = loadEnv(DatabaseEnv, io.env);
    const database = openDatabase(
      DATABASE_URL,
      (error) => say(io.stderr, `database connection lost: ${error.message}`),
      1,
    );
    try {
      const pending = await pendingMigrations(database.db);
      if (pending.length) throw new Error('the database schema is not current (run managair migrate first)');
      const client = await database.pool.connect();
      try {
        const started = performance.now();
        // Files load one after the other: a later file may point at an earlier one's records, and
        // a refused file stops the run so that nothing is loaded on top of a gap.
        for (const path of positionals) {
          const report = await loadFixture(client, source(path, io));
          say(io.stdout, formatLoadReport(report));
        }
        say(
          io.stdout,
          `Loaded ${positionals.length} fixture(s) in ${((performance.now() - started) / 1000).toFixed(2)} s`,
        );
        return 0;
      } finally {
        client.release();
      }
    } finally {
      await database.close();
    }
  },
};

function source(path: string, io: CommandIo): FixtureSource {
  return path === '-'
    ? { name: 'stdin', open: () => io.stdin, rereadable: false }
    : { name: path, open: () => createReadStream(path), rereadable: true };
}
