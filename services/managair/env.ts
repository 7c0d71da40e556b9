import { z } from 'zod';

import { DatabaseEnv } from '../database/env';
import type { SmtpOptions } from './accounts/mailer';

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
  // API mode, accounts (accounts/README.md). All optional: without SMTP_HOST no mail is sent and
  // the pages that need it say so; ingest mode ignores them.
  PUBLIC_ORIGIN: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) origin such as https://clair.example' })
    .optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** true: TLS from the start (port 465); false: STARTTLS when offered (the original's EMAIL_USE_TLS). */
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.string().min(1).optional(),
  /** Usually SMTP_PASSWORD_FILE, a docker secret. */
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().min(3).optional(),
  /** API mode: where uploaded installation photos are kept (a volume); without it uploads answer 503. */
  MEDIA_ROOT: z.string().min(1).optional(),
  /**
   * The reverse proxies whose X-Forwarded-For/-Proto to believe (Fastify's trustProxy): addresses
   * or CIDR ranges, comma-separated, e.g. the stack network's subnet. Without it, the client
   * address is the proxy's, and login rate limits per address would lump all clients together.
   */
  TRUST_PROXY: z
    .string()
    .min(1)
    .transform((value) => value.split(',').map((part) => part.trim()))
    .optional(),
});
export type ServeEnv = z.infer<typeof ServeEnv>;

/**
 * The SMTP settings of the environment, or undefined without SMTP_HOST. Throws naming the
 * variable when SMTP_HOST is set without SMTP_FROM.
 */
export function smtpFromEnv(env: ServeEnv): SmtpOptions | undefined {
  if (env.SMTP_HOST === undefined) return undefined;
  if (env.SMTP_FROM === undefined) throw new Error('Invalid environment:\n  SMTP_FROM: is required with SMTP_HOST');
  return {
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE === 'true',
    from: env.SMTP_FROM,
    ...(env.SMTP_USER === undefined ? {} : { user: env.SMTP_USER, password: env.SMTP_PASSWORD ?? '' }),
  };
}

/**
 * Ingest mode also needs the token its forwarders present, usually INGEST_TOKEN_FILE (a docker
 * secret). A short token can be guessed, so 16 characters is the floor (generate 32 random bytes).
 */
export const IngestEnv = ServeEnv.extend({
  INGEST_TOKEN: z.string({ error: 'is required in ingest mode' }).min(16, 'must be at least 16 characters'),
});
export type IngestEnv = z.infer<typeof IngestEnv>;
