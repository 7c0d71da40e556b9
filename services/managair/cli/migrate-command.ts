import { parseArgs } from 'node:util';

import { openDatabase } from '../../database/connection';
import { DatabaseEnv } from '../../database/env';
import { migrateToLatest, pendingMigrations } from '../../database/migrate';
import { loadEnv } from '../../runtime/env';
import { type Command, say } from './command';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations (--list shows them without applying)',
  run: async (args, io) => {
    const { values } = parseArgs({ args, options: { list: { type: 'boolean', default: false } } });
    const { DATABASE_URL } = loadEnv(DatabaseEnv, io.env);
    const database = openDatabase(
      DATABASE_URL,
      (error) => say(io.stderr, `database connection lost: ${error.message}`),
      2,
    );
    try {
      if (values.list) {
        const pending = await pendingMigrations(database.db);
        say(io.stdout, pending.length ? `Pending: ${pending.join(', ')}` : 'No pending migrations.');
        return 0;
      }
      const { applied } = await migrateToLatest(database.db);
      say(io.stdout, applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
      return 0;
    } finally {
      await database.close();
    }
  },
};
