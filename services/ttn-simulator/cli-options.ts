import { parseArgs } from 'node:util';

import { z } from 'zod';

import { parseGoDuration } from './go-duration';
import { defaultEpoch } from './uplink-schedule';

const duration = z.string().transform((text, ctx) => {
  const ms = parseGoDuration(text);
  if (ms === undefined) ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration such as 60s or 10m` });
  return ms ?? 0;
});
const positiveInt = z.coerce.number().int().positive();

/** The simulator's command line; `main.ts --help` describes each option. */
export const cliOptionsSchema = z.object({
  broker: z.url().optional(),
  app: z
    .string()
    .regex(/^[a-z0-9](?:-?[a-z0-9]){2,}$/, 'must be a TTN application id')
    .default('clair-sim'),
  tenant: z.string().default('ttn'),
  'api-key': z.string().min(1).default('NNSXS.SIMULATOR'),
  nodes: positiveInt.default(1),
  rate: z.coerce.number().positive().optional(),
  interval: duration.optional(),
  duration: duration.optional(),
  count: positiveInt.optional(),
  'storage-port': z.coerce.number().int().min(0).max(65_535).optional(),
  'rate-limit': positiveInt.optional(),
  'error-after': z.coerce.number().int().min(0).optional(),
  simulated: z.boolean().default(false),
  seed: z.coerce.number().int().default(1),
  epoch: z.iso.datetime({ offset: true }).default(defaultEpoch),
  inventory: z.boolean().default(false),
  help: z.boolean().default(false),
});

export type CliOptions = z.infer<typeof cliOptionsSchema>;

/** The options in argv, or the messages that explain why they are not usable. */
export function parseCliOptions(
  args: readonly string[],
): { ok: true; options: CliOptions } | { ok: false; errors: string[] } {
  let values: unknown;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        broker: { type: 'string' },
        app: { type: 'string' },
        tenant: { type: 'string' },
        'api-key': { type: 'string' },
        nodes: { type: 'string' },
        rate: { type: 'string' },
        interval: { type: 'string' },
        duration: { type: 'string' },
        count: { type: 'string' },
        'storage-port': { type: 'string' },
        'rate-limit': { type: 'string' },
        'error-after': { type: 'string' },
        simulated: { type: 'boolean' },
        seed: { type: 'string' },
        epoch: { type: 'string' },
        inventory: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return { ok: false, errors: [(error as Error).message] };
  }
  const parsed = cliOptionsSchema.safeParse(values);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`) };
  }
  const { rate, interval } = parsed.data;
  if (rate !== undefined && interval !== undefined) {
    return { ok: false, errors: ['--rate and --interval both set the pace; give one of them.'] };
  }
  return { ok: true, options: parsed.data };
}
