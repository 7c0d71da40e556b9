#!/usr/bin/env node
import { createInterface } from 'node:readline/promises';

import { runClairctl } from './run-clairctl';

const interrupted = new AbortController();
process.once('SIGINT', () => interrupted.abort());

/** Asks on the terminal; without one, piped stdin belongs to managair and nothing is asked. */
async function prompt(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}

process.exitCode = await runClairctl(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  ...(process.stdin.isTTY ? { prompt } : {}),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: interrupted.signal,
});
// A terminal's stdin, handed to managair or the prompt, would otherwise keep the process alive.
process.stdin.pause();
process.stdin.unref?.();
