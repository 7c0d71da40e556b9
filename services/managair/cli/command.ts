import type { Readable, Writable } from 'node:stream';

/** What a command may touch, passed in so that tests run commands without a child process. */
export interface CommandIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

export interface Command {
  name: string;
  /** One line for `managair help`. */
  summary: string;
  /** Runs the command and resolves with the process exit code (0 ok, 1 failed, 2 usage). */
  run: (args: string[], io: CommandIo) => Promise<number>;
}

/** Writes one line to a stream. */
export function say(stream: Writable, line: string): void {
  stream.write(`${line}\n`);
}
