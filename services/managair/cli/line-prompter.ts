import type { ReadStream } from 'node:tty';

import type { CommandIo } from './command';

export interface LinePrompter {
  /** A person at a terminal answers, who can be asked again after a mistake; a script cannot. */
  interactive: boolean;
  /** Writes the question and resolves with the next line; a hidden answer is never echoed. */
  ask: (question: string, options?: { hidden?: boolean }) => Promise<string>;
  close: () => void;
}

interface PendingAnswer {
  hidden: boolean;
  line: string;
  resolve: (line: string) => void;
  reject: (error: Error) => void;
}

const enter = new Set(['\r', '\n']);
const backspace = new Set(['\x7f', '\b']);
const interrupt = '\x03';
const endOfInput = '\x04';

/**
 * Reads answers line by line from stdin: from a terminal in raw mode, echoing what is typed
 * except hidden answers, or from a pipe or file, for scripts.
 *
 * Input is kept raw until a question takes it, so text typed or pasted ahead of the password
 * prompt is still hidden: the echo is decided when the line is read, not when it arrives.
 */
export function openLinePrompter(io: CommandIo): LinePrompter {
  const terminal = (io.stdin as Partial<ReadStream>).isTTY === true;
  const tty = io.stdin as ReadStream;
  let buffered = '';
  let ended = false;
  let pending: PendingAnswer | undefined;

  const settle = (outcome: { line: string } | { error: Error }): void => {
    const answer = pending;
    pending = undefined;
    io.stdout.write('\n');
    if ('line' in outcome) answer?.resolve(outcome.line);
    else answer?.reject(outcome.error);
  };

  const pump = (): void => {
    while (pending && buffered) {
      const char = buffered[0] ?? '';
      buffered = buffered.slice(1);
      if (enter.has(char)) {
        // A pipe from Windows or a terminal sending CR LF gives one line, not an empty second one.
        if (char === '\r' && buffered.startsWith('\n')) buffered = buffered.slice(1);
        settle({ line: pending.line });
      } else if (terminal && char === interrupt) {
        settle({ error: new Error('cancelled') });
      } else if (terminal && char === endOfInput && pending.line === '') {
        settle({ error: new Error('input ended before every answer was given') });
      } else if (terminal && backspace.has(char)) {
        if (pending.line && !pending.hidden) io.stdout.write('\b \b');
        pending.line = [...pending.line].slice(0, -1).join('');
      } else if (!terminal || char >= ' ') {
        pending.line += char;
        if (terminal && !pending.hidden) io.stdout.write(char);
      }
    }
    if (pending && !buffered && ended) {
      // The last line of a file may lack its newline; an unanswered question is an error.
      if (pending.line) settle({ line: pending.line });
      else settle({ error: new Error('input ended before every answer was given') });
    }
  };

  const onData = (chunk: string | Buffer): void => {
    buffered += chunk.toString();
    pump();
  };
  const onEnd = (): void => {
    ended = true;
    pump();
  };

  // Stdin is taken over at the first question only: when options answer everything, a
  // terminal is left as it was and piped input unread.
  let reading = false;
  const startReading = (): void => {
    if (reading) return;
    reading = true;
    if (terminal) tty.setRawMode(true);
    io.stdin.setEncoding('utf8');
    io.stdin.on('data', onData);
    io.stdin.on('end', onEnd);
  };

  return {
    interactive: terminal,
    ask: (question, options = {}) =>
      new Promise((resolve, reject) => {
        startReading();
        io.stdout.write(question);
        pending = { hidden: options.hidden ?? false, line: '', resolve, reject };
        pump();
      }),
    close: () => {
      if (!reading) return;
      io.stdin.off('data', onData);
      io.stdin.off('end', onEnd);
      io.stdin.pause();
      if (terminal) tty.setRawMode(false);
    },
  };
}
