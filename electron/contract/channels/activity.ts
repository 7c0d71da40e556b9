import { z } from 'zod';

import { defineInvoke, defineStream } from '../define';
import { ErrorData } from '../result';

/** One action taken from the app (a deploy, a scale, a new secret) and how it ended. */
export const ActivityEntry = z.object({
  id: z.string(),
  title: z.string(),
  channel: z.string(),
  environment: z.string().optional(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  error: ErrorData.optional(),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;

export const activityChannels = {
  /** The latest entries, newest first. */
  list: defineInvoke(
    'activity:list',
    z.object({ limit: z.number().int().positive().max(10_000) }),
    z.array(ActivityEntry),
  ),
  /** Each new entry as it is recorded. */
  follow: defineStream('activity:follow', z.void(), ActivityEntry),
};
