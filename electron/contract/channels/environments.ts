import { z } from 'zod';

import { defineInvoke } from '../define';

export const EnvironmentSummary = z.object({
  name: z.string(),
  file: z.string(),
  /** Example files document settings; only real env files can be deployed. */
  isExample: z.boolean(),
});
export type EnvironmentSummary = z.infer<typeof EnvironmentSummary>;

/** Drives the guardrails and the colour: development green, staging amber, production red. */
export const EnvironmentClass = z.enum(['development', 'staging', 'production']);
export type EnvironmentClass = z.infer<typeof EnvironmentClass>;

/** A problem in the env file, placed so the user can find the line. */
export const EnvironmentProblem = z.object({
  severity: z.enum(['error', 'warning']),
  file: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  message: z.string(),
});
export type EnvironmentProblem = z.infer<typeof EnvironmentProblem>;

/** What the Environments screen and the environment picker show of one env file. */
export const EnvironmentDetails = EnvironmentSummary.extend({
  class: EnvironmentClass,
  stackName: z.string(),
  /** The docker CLI context the environment's stack is deployed with. */
  dockerContext: z.string(),
  domain: z.string().optional(),
  problems: z.array(EnvironmentProblem),
});
export type EnvironmentDetails = z.infer<typeof EnvironmentDetails>;

export const environmentsChannels = {
  list: defineInvoke('environments:list', z.void(), z.array(EnvironmentSummary)),
  /** Every env file read and checked; a malformed file comes back with its problems, never as a failure. */
  details: defineInvoke('environments:details', z.void(), z.array(EnvironmentDetails)),
};
