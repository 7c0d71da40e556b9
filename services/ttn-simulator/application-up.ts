import { z } from 'zod';

/**
 * The v3 `ApplicationUp` carrying an `uplink_message`, limited to the fields TTN fills for a
 * plain LoRaWAN CO2 sensor without a payload formatter (ttn-formats.md §1.3–1.4).
 */
const gatewayIdsSchema = z.object({ gateway_id: z.string(), eui: z.string().regex(/^[0-9A-F]{16}$/) });

const rxMetadataSchema = z.object({
  gateway_ids: gatewayIdsSchema,
  time: z.string(),
  /** Concentrator microseconds, uint32, wraps every ~71.6 minutes. */
  timestamp: z.number().int().min(0).max(0xffff_ffff),
  rssi: z.number(),
  channel_rssi: z.number(),
  snr: z.number(),
  uplink_token: z.string(),
  received_at: z.string(),
});

export const applicationUpSchema = z.object({
  end_device_ids: z.object({
    device_id: z.string(),
    application_ids: z.object({ application_id: z.string() }),
    dev_eui: z.string(),
    join_eui: z.string(),
    dev_addr: z.string(),
  }),
  correlation_ids: z.array(z.string().max(100)).optional(),
  received_at: z.string(),
  uplink_message: z.object({
    session_key_id: z.string(),
    f_port: z.number().int().min(1).max(255),
    /** Absent when 0: TTN omits empty fields (ttn-formats.md §1.3). */
    f_cnt: z.number().int().min(1).max(0xffff_ffff).optional(),
    frm_payload: z.string(),
    rx_metadata: z.array(rxMetadataSchema).min(1),
    settings: z.object({
      data_rate: z.object({
        lora: z.object({ bandwidth: z.number(), spreading_factor: z.number(), coding_rate: z.string() }),
      }),
      /** uint64, so a JSON string. */
      frequency: z.string().regex(/^\d+$/),
      timestamp: z.number().int(),
      time: z.string(),
    }),
    received_at: z.string(),
    consumed_airtime: z.string().regex(/^\d+(\.\d+)?s$/),
    network_ids: z.object({
      net_id: z.string(),
      tenant_id: z.string(),
      cluster_id: z.string(),
      cluster_address: z.string(),
    }),
  }),
  simulated: z.literal(true).optional(),
});
export type ApplicationUp = z.infer<typeof applicationUpSchema>;
