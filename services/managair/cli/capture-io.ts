import { PassThrough, Readable } from 'node:stream';

import type { CommandIo } from './command';

export interface CapturedIo extends CommandIo {
  output: () => string;
  errors: () => string;
}

/** In-memory streams for running a command in a test: stdin from a string, output collected. */
export function captureIo(env: NodeJS.ProcessEnv, stdin = ''): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { stdin: Readable.from([stdin]), stdout, stderr, env, output: () => out, errors: () => err };
}
