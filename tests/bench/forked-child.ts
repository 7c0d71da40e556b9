/**
 * A benchmark whose memory must stay flat runs its measured work in a child process of its own,
 * so that the peak resident memory it reports is the work's alone, and under a heap far smaller
 * than what the work goes through: memory that grew with the input would end the child with an
 * out-of-memory error instead of a result.
 */
import { fork } from 'node:child_process';

/**
 * Forks `module` with `args` under an old space of `heapLimitMiB` and resolves with the one
 * message it sends (see `answerParent`). `semiSpaceMiB` caps the young generation too: left to
 * itself, V8 grows it with a long run's allocation rate (up to 16 MiB a semi-space), resident
 * memory that says nothing about what the work keeps. `env` adds to this process's environment:
 * secrets such as database URLs go there rather than in `args`, which every user sees in ps.
 */
export function runInChild<T>(
  module: string,
  args: readonly string[],
  options: { heapLimitMiB: number; semiSpaceMiB?: number; env?: Record<string, string> },
): Promise<T> {
  return new Promise((resolve, reject) => {
    let answer: { value: T } | undefined;
    const semiSpace = options.semiSpaceMiB === undefined ? [] : [`--max-semi-space-size=${options.semiSpaceMiB}`];
    const child = fork(module, args, {
      execArgv: [...process.execArgv, `--max-old-space-size=${options.heapLimitMiB}`, ...semiSpace],
      env: { ...process.env, ...options.env },
    });
    child.once('message', (message) => (answer = { value: message as T }));
    child.once('error', reject);
    // 'close' rather than 'exit': it comes after the IPC channel has delivered the answer.
    child.once('close', (code, signal) => {
      if (answer && code === 0) resolve(answer.value);
      else
        reject(new Error(`the child ${args.join(' ')} ${signal ? `was ended by ${signal}` : `exited with ${code}`}`));
    });
  });
}

/** In the child: sends what `work` returns to the parent, then lets the child exit. */
export async function answerParent(work: () => Promise<unknown>): Promise<void> {
  process.send!(await work());
  process.disconnect();
}
