import { z } from 'zod';

import { defineInvoke } from './define';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** 'electron' inside the desktop window, 'browser' when served by electron/host. */
  shell: z.enum(['electron', 'browser']),
  platform: z.string(),
  nodeVersion: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const EnvironmentSummary = z.object({
  name: z.string(),
  file: z.string(),
  /** Example files document settings; only real env files can be deployed. */
  isExample: z.boolean(),
});
export type EnvironmentSummary = z.infer<typeof EnvironmentSummary>;

/**
 * The whole IPC contract, grouped by domain. window.clair has exactly this shape, with one
 * async function per channel.
 */
export const contract = {
  app: {
    getInfo: defineInvoke('app:get-info', z.void(), AppInfo),
  },
  environments: {
    list: defineInvoke('environments:list', z.void(), z.array(EnvironmentSummary)),
  },
} as const;

export type Contract = typeof contract;
