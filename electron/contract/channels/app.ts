import { z } from 'zod';

import { defineInvoke } from '../define';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** 'electron' inside the desktop window, 'browser' when served by electron/host. */
  shell: z.enum(['electron', 'browser']),
  platform: z.string(),
  nodeVersion: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appChannels = {
  getInfo: defineInvoke('app:get-info', z.void(), AppInfo),
};
