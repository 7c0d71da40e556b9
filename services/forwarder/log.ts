import type { Writable } from 'node:stream';

export type LogLevel = 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

/**
 * One JSON object per line, as the stack's log readers expect. Callers pass ids, counts and
 * reasons; credentials are never handed to a log call, so there is nothing to redact here.
 */
export function jsonLog(stream: Writable = process.stdout): Log {
  return (level, message, fields = {}) => {
    stream.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, service: 'forwarder', message, ...fields })}\n`,
    );
  };
}

export const silentLog: Log = () => undefined;
