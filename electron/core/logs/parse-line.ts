import type { LogLevel } from '../../contract';

/** A line as the daemon sends it, split into its parts. */
export interface RawLine {
  time: string;
  /** The task's ID from the details prefix; empty when the daemon sent no details. */
  taskId: string;
  text: string;
}

const timestampPattern = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/;
const detailsPattern = /^[\w.-]+=[^ ]*$/;
const taskIdKey = 'com.docker.swarm.task.id=';

/**
 * `2026-01-02T03:04:05.06Z com.docker.swarm.node.id=…,com.docker.swarm.service.id=…,com.docker.swarm.task.id=… text`:
 * the RFC 3339 timestamp (timestamps=true) and the details (details=true) the daemon prefixes to
 * every line of a service's logs. Undefined for a line without a timestamp.
 */
export function parseDockerLine(line: string): RawLine | undefined {
  const firstSpace = line.indexOf(' ');
  const time = normaliseTime(firstSpace === -1 ? line : line.slice(0, firstSpace));
  if (!time) return undefined;
  const rest = firstSpace === -1 ? '' : line.slice(firstSpace + 1);
  const secondSpace = rest.indexOf(' ');
  const details = secondSpace === -1 ? rest : rest.slice(0, secondSpace);
  if (!details.includes(taskIdKey) || !detailsPattern.test(details.split(',')[0] ?? '')) {
    return { time, taskId: '', text: rest };
  }
  const taskField = details.split(',').find((field) => field.startsWith(taskIdKey)) ?? '';
  return {
    time,
    taskId: taskField.slice(taskIdKey.length),
    text: secondSpace === -1 ? '' : rest.slice(secondSpace + 1),
  };
}

/**
 * RFC3339Nano drops trailing zeros ("…:05.06Z"), which breaks sorting as strings; nine digits
 * always ("…:05.060000000Z") sort right. Undefined for anything but a UTC timestamp.
 */
export function normaliseTime(timestamp: string): string | undefined {
  const match = timestampPattern.exec(timestamp);
  if (!match) return undefined;
  return `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}Z`;
}

/** An ISO time as the engine's `since` wants it: seconds and nanoseconds since the epoch. */
export function toEngineTime(time: string): string {
  const seconds = Math.floor(Date.parse(time) / 1000);
  const fraction = /:\d\d\.(\d{1,9})/.exec(time)?.[1] ?? '';
  return `${seconds}.${fraction.padEnd(9, '0')}`;
}

const namedLevels: Record<string, LogLevel> = {
  fatal: 'error',
  panic: 'error',
  crit: 'error',
  critical: 'error',
  alert: 'error',
  emerg: 'error',
  err: 'error',
  error: 'error',
  warn: 'warn',
  warning: 'warn',
  notice: 'info',
  info: 'info',
  log: 'info',
  debug: 'debug',
  trace: 'debug',
  verbose: 'debug',
};

/** pino and bunyan: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
function numericLevel(level: number): LogLevel {
  if (level >= 50) return 'error';
  if (level >= 40) return 'warn';
  if (level >= 30) return 'info';
  return 'debug';
}

// An upper-case level word near the start ("ERROR:", "WARN ", "[INFO]"), a bracketed lower-case
// one ("[error]", nginx) or logfmt's "level=…".
const upperLevel =
  /(?:^|[\s[(<|])(FATAL|PANIC|CRIT|CRITICAL|ERROR|ERR|WARN|WARNING|NOTICE|INFO|LOG|DEBUG|TRACE)(?=[\s\]):>|]|$)/;
const bracketedLevel = /[[(<](fatal|crit|error|warn|warning|notice|info|debug|trace)[\])>]/;
const logfmtLevel = /\blevel=["']?(\w+)/i;

/** Where in a text line a level word is still a prefix rather than part of the message. */
const levelWindow = 80;

export interface ClassifiedText {
  level: LogLevel;
  json: boolean;
}

/** The line's level, from a JSON object's level/severity field or a common text prefix. */
export function classify(text: string): ClassifiedText {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    const parsed = parseObject(trimmed);
    if (parsed) return { level: levelOfObject(parsed), json: true };
  }
  const head = text.slice(0, levelWindow);
  const word = upperLevel.exec(head)?.[1] ?? bracketedLevel.exec(head)?.[1] ?? logfmtLevel.exec(head)?.[1];
  return { level: (word ? namedLevels[word.toLowerCase()] : undefined) ?? 'other', json: false };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function levelOfObject(object: Record<string, unknown>): LogLevel {
  const value = object.level ?? object.severity ?? object.lvl ?? object['log.level'];
  if (typeof value === 'number') return numericLevel(value);
  if (typeof value === 'string') return namedLevels[value.toLowerCase()] ?? 'other';
  return 'other';
}
