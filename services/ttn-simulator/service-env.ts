import { z } from 'zod';

import { DatabaseEnv } from '../database/env';

/**
 * The dev stack's simulator (docker-compose.dev.yml, ttn_simulator): the simulated TTN it
 * publishes to, the forwarders' two applications, and how many nodes send how often. The
 * database URL, to register the nodes, and the applications' API keys, which its Storage
 * Integration accepts, arrive as *_FILE docker secrets.
 */
export const SimulatorEnv = DatabaseEnv.extend({
  TTN_MQTT_URL: z.url({ protocol: /^mqtts?$/, error: 'must be an mqtt:// or mqtts:// URL' }),
  TTN_TENANT: z.string().default('ttn'),
  CLAIRCHEN_TTN_APPLICATION_ID: z.string().min(1),
  ERS_TTN_APPLICATION_ID: z.string().min(1),
  /** Nodes of each kind, Clairchen and ERS CO2. */
  TTN_SIMULATOR_NODES: z.coerce.number().int().positive().default(2),
  /** Seconds between one node's uplinks. */
  TTN_SIMULATOR_INTERVAL_S: z.coerce.number().positive().default(30),
  /** The DevEUIs and every value derive from it; another seed simulates other devices. */
  TTN_SIMULATOR_SEED: z.coerce.number().int().min(0).default(1),
  /**
   * Port of the simulated Storage Integration (ttn-formats.md §3), which serves both applications'
   * uplinks to their API keys, as TTN's does, for the control centre's recovery wizard.
   */
  TTN_STORAGE_PORT: z.coerce.number().int().min(1).max(65_535).default(1885),
  /** The forwarders' API keys (CLAIRCHEN_TTN_API_KEY_FILE, ERS_TTN_API_KEY_FILE: docker secrets). */
  CLAIRCHEN_TTN_API_KEY: z.string().min(1),
  ERS_TTN_API_KEY: z.string().min(1),
});
export type SimulatorEnv = z.infer<typeof SimulatorEnv>;
