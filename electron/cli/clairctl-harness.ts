import { Readable, Writable } from 'node:stream';

import type { CliIo } from './cli-io';
import { runClairctl } from './run-clairctl';

export interface ClairctlRun {
  code: number;
  out: string[];
  err: string[];
  /** managair's raw output. */
  stdout: string;
  stderr: string;
  /** The questions asked at the prompt. */
  asked: string[];
}

export interface ClairctlInput {
  env: NodeJS.ProcessEnv;
  /** Answers typed at the prompt, in order; without them there is no terminal. */
  answers?: string[];
  stdin?: string;
  signal?: AbortSignal;
  /** Called with each line as it is written, e.g. to stop following logs. */
  onOut?: (line: string) => void;
}

/** For clairctl's tests: runs one command with its IO captured and a scripted terminal. */
export async function clairctl(argv: string[], input: ClairctlInput): Promise<ClairctlRun> {
  const run: ClairctlRun = { code: -1, out: [], err: [], stdout: '', stderr: '', asked: [] };
  const answers = input.answers ? [...input.answers] : undefined;
  const collect = (key: 'stdout' | 'stderr') =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        run[key] += chunk.toString('utf8');
        done();
      },
    });
  const io: CliIo = {
    out: (line) => {
      run.out.push(line);
      input.onOut?.(line);
    },
    err: (line) => run.err.push(line),
    ...(answers
      ? {
          prompt: (question: string) => {
            run.asked.push(question);
            return Promise.resolve(answers.shift() ?? '');
          },
        }
      : {}),
    ...(input.stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(input.stdin)]) }),
    stdout: collect('stdout'),
    stderr: collect('stderr'),
    env: input.env,
    signal: input.signal,
  };
  run.code = await runClairctl(argv, io);
  return run;
}
