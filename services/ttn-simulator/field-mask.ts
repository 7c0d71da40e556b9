/** `ApplicationUplink` fields a mask may name below `up.uplink_message` (ttn-formats.md §1.3). */
const uplinkFields = new Set([
  'session_key_id',
  'f_port',
  'f_cnt',
  'frm_payload',
  'decoded_payload',
  'decoded_payload_warnings',
  'normalized_payload',
  'normalized_payload_warnings',
  'rx_metadata',
  'settings',
  'received_at',
  'app_s_key',
  'last_a_f_cnt_down',
  'confirmed',
  'consumed_airtime',
  'packet_error_rate',
  'locations',
  'version_ids',
  'network_ids',
  'last_battery_percentage',
  'attributes',
]);
const topLevelPaths = new Set([
  'correlation_ids',
  'end_device_ids',
  'received_at',
  'simulated',
  'up',
  'up.uplink_message',
]);

/** The mask paths that name no field of an uplink `ApplicationUp`. */
export function invalidMaskPaths(paths: readonly string[]): string[] {
  return paths.filter((path) => {
    if (topLevelPaths.has(path)) return false;
    const [up, message, field] = path.split('.');
    return !(up === 'up' && message === 'uplink_message' && field !== undefined && uplinkFields.has(field));
  });
}

type Json = Record<string, unknown>;

/**
 * The message reduced to the masked paths. As in the documented example (ttn-formats.md §3.4),
 * the device id and `received_at` are always kept, `application_ids` comes back empty, and a
 * masked uplink keeps an empty `settings.data_rate`, the one required nested field.
 */
export function applyFieldMask(message: Json, paths: readonly string[]): Json {
  const deviceIds = message.end_device_ids as Json | undefined;
  const masked: Json = {
    end_device_ids: { device_id: deviceIds?.device_id, application_ids: {} },
    received_at: message.received_at,
  };
  for (const path of paths) {
    const steps = path.split('.');
    if (steps[0] === 'up') steps.shift();
    if (steps.length === 0) steps.push('uplink_message');
    copyPath(message, masked, steps);
  }
  const uplink = masked.uplink_message as Json | undefined;
  if (uplink && !('settings' in uplink)) uplink.settings = { data_rate: {} };
  return masked;
}

function copyPath(from: Json, to: Json, steps: readonly string[]): void {
  const [step, ...rest] = steps;
  if (step === undefined || !(step in from)) return;
  const value = from[step];
  if (rest.length === 0 || typeof value !== 'object' || value === null || Array.isArray(value)) {
    to[step] = value;
    return;
  }
  const target = (to[step] ??= {}) as Json;
  copyPath(value as Json, target, rest);
}
