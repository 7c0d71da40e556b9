import { z } from 'zod';

import { defineInvoke, defineStream } from '../define';

/**
 * Levels as the Logs screen filters them: fatal/critical count as error, trace as debug, and a
 * line without a recognisable level is 'other'.
 */
export const logLevels = ['error', 'warn', 'info', 'debug', 'other'] as const;
export const LogLevel = z.enum(logLevels);
export type LogLevel = z.infer<typeof LogLevel>;

/**
 * One line of a service's output. Kept flat and small: a batch carries up to a thousand of them,
 * and every batch is validated on its way out.
 */
export const LogLine = z.object({
  /** RFC 3339 in UTC with nine fraction digits, so lines sort as strings. */
  time: z.string(),
  /** The service's name in the stack, without the stack prefix ("web"). */
  service: z.string(),
  /** The task that wrote it, shortened as `docker service ps` does. */
  task: z.string(),
  stream: z.enum(['stdout', 'stderr']),
  level: LogLevel,
  /** True when the text is a JSON object: the screen can pretty-print it. */
  json: z.boolean(),
  text: z.string(),
});
export type LogLine = z.infer<typeof LogLine>;

export const LogsRequest = z.object({
  environment: z.string(),
  /** Service names in the stack; empty means every service of the stack. */
  services: z.array(z.string()).default([]),
  /** ISO time: only lines written at or after it. */
  since: z.iso.datetime({ offset: true }).optional(),
  /** ISO time: only lines written at or before it; a range with an end does not follow. */
  until: z.iso.datetime({ offset: true }).optional(),
  /** Keep the stream open for new lines (and reconnect when it drops) until the subscriber leaves. */
  follow: z.boolean(),
  /** At most this many of each service's last lines before following. */
  tail: z.number().int().positive().optional(),
});
export type LogsRequest = z.infer<typeof LogsRequest>;

export const LogsEvent = z.discriminatedUnion('type', [
  /** Lines of every followed service, in time order. */
  z.object({ type: z.literal('lines'), lines: z.array(LogLine) }),
  /** What happened to a service's stream: it dropped and is being reconnected, or it is back. */
  z.object({
    type: z.literal('notice'),
    service: z.string(),
    severity: z.enum(['warning', 'info']),
    message: z.string(),
  }),
]);
export type LogsEvent = z.infer<typeof LogsEvent>;

export const LogServices = z.object({
  stack: z.string(),
  /** The stack's service names, without the stack prefix, sorted. */
  services: z.array(z.string()),
});
export type LogServices = z.infer<typeof LogServices>;

export const logsChannels = {
  services: defineInvoke('logs:services', z.object({ environment: z.string() }), LogServices),
  follow: defineStream('logs:follow', LogsRequest, LogsEvent),
};
