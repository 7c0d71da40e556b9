import { z } from 'zod';

import { nodeProtocols } from '../domain/nodes/node-id';

/**
 * One forwarder instance serves one TTN application of one protocol (the same image runs as
 * clairchen_forwarder and ers_forwarder). The API key and the ingest token arrive as
 * TTN_API_KEY_FILE and INGEST_TOKEN_FILE, docker secrets; a private CA as TTN_CA_FILE.
 */
export const ForwarderEnv = z.object({
  TTN_MQTT_URL: z.url({ protocol: /^mqtts?$/, error: 'must be an mqtt:// (1883) or mqtts:// (8883) URL' }),
  TTN_APPLICATION_ID: z.string().min(1),
  TTN_TENANT: z.string().default('ttn'),
  TTN_API_KEY: z.string().min(1),
  /** PEM of a private CA for mqtts:// (a self-hosted The Things Stack); TTN needs none. */
  TTN_CA: z.string().optional(),
  FORWARDER_PROTOCOL: z.enum(nodeProtocols),
  INGEST_URL: z.url({ protocol: /^https?$/ }).default('http://ingestair:8888/ingest/v1/ingest/'),
  INGEST_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  /** A volume: the spool holds samples that ingestair has not confirmed yet. */
  SPOOL_DIR: z.string().min(1).default('/var/lib/clair-forwarder'),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** /health and /metrics, and the dead-letter admin routes; internal to the stack. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Ingest accepts at most 5000 samples a request. */
  BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  /** How long a sample waits for companions before a partial batch is sent. */
  BATCH_LINGER_MS: z.coerce.number().int().min(0).default(1_000),
});
export type ForwarderEnv = z.infer<typeof ForwarderEnv>;
