import type { Readable, Writable } from 'node:stream';

/** What clairctl talks through; tests pass their own, so no command touches the process directly. */
export interface CliIo {
  /** Messages for the user, one line each (`out` for results, `err` for progress and problems). */
  out: (line: string) => void;
  err: (line: string) => void;
  /**
   * Asks a question at the terminal and returns the answer. Absent when stdin is not a terminal:
   * a prompt would then swallow the input piped for managair, so confirmation needs `-y`.
   */
  prompt?: (question: string) => Promise<string>;
  /** managair's own input and output in `manage` and `fixtures load`, passed through untouched. */
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  /** DOCKER_HOST, DOCKER_CONFIG, CLAIR_STATE_DIR, HOME...; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Ctrl-C: stops following logs, and a deploy between two steps. */
  signal?: AbortSignal;
}
