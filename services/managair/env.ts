import { z } from 'zod';

import { DatabaseEnv } from '../database/env';

export const serveModes = ['api', 'ingest'] as const;
export type ServeMode = (typeof serveModes)[number];

/**
 * What `managair serve` reads in either mode. DATABASE_URL usually arrives as DATABASE_URL_FILE,
 * a docker secret.
 */
export const ServeEnv = DatabaseEnv.extend({
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8888),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type ServeEnv = z.infer<typeof ServeEnv>;

/**
 * Ingest mode also needs the token its forwarders present, usually INGEST_TOKEN_FILE (a docker
 * secret). A short token can be guessed, so 16 characters is the floor (generate 32 random bytes).
 */
export const IngestEnv = ServeEnv.extend({
  INGEST_TOKEN: z.string({ error: 'is required in ingest mode' }).min(16, 'must be at least 16 characters'),
});
export type IngestEnv = z.infer<typeof IngestEnv>;
