import { checkCommand } from './check-command';
import type { Command } from './command';
import { createsuperuserCommand } from './createsuperuser-command';
import { dumpdataCommand } from './dumpdata-command';
import { enqueueCommand } from './enqueue-command';
import { loaddataCommand } from './loaddata-command';
import { migrateCommand } from './migrate-command';
import { sampledump2fixtureCommand } from './sampledump2fixture-command';
import { serveCommand } from './serve-command';

/** Every `managair <command>`, in the order `managair help` lists them. */
export const commands: Command[] = [
  serveCommand,
  migrateCommand,
  createsuperuserCommand,
  checkCommand,
  enqueueCommand,
  loaddataCommand,
  dumpdataCommand,
  sampledump2fixtureCommand,
];
