import { type CommandIo, say } from './command';
import { commands } from './commands';

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: managair <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

/** Dispatches `managair <command> …`; errors are reported in one line and exit 1, never a stack. */
export async function runManagair(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help') {
    say(io.stdout, usage());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    say(io.stderr, `managair: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    say(io.stderr, `managair ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
