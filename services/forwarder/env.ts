import { z } from 'zod';

/** One forwarder instance serves one TTN application; its API key arrives as TTN_API_KEY_FILE. */
export const ForwarderEnv = z.object({
  TTN_MQTT_URL: z.url({ protocol: /^mqtts?$/, error: 'must be an mqtt:// or mqtts:// URL' }),
  TTN_APPLICATION_ID: z.string().min(1),
  TTN_TENANT: z.string().default('ttn'),
  TTN_API_KEY: z.string().min(1),
});
export type ForwarderEnv = z.infer<typeof ForwarderEnv>;
