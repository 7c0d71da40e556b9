import type { Command } from './command';
import { migrateCommand } from './migrate-command';

/** Every `managair <command>`, in the order `managair help` lists them. */
export const commands: Command[] = [migrateCommand];
