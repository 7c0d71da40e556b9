import type { ApplicationUp } from './application-up';
import type { UplinkSchedule } from './uplink-schedule';
import { applicationServerDelayMs, type UplinkOrigin, uplinkMessage } from './uplink-message';

/** Every uplink the simulated application received, as TTN would have stored it. */
export interface UplinkHistory {
  /** Messages whose top-level `received_at` falls in [fromMs, toMs), in that order. */
  between(fromMs: number, toMs: number, order: 'ascending' | 'descending'): Iterable<ApplicationUp>;
}

/** The history the room model implies: exactly what the publisher sends live for the same schedule. */
export function modelHistory(schedule: UplinkSchedule, origin: UplinkOrigin): UplinkHistory {
  return {
    *between(fromMs, toMs, order) {
      const delay = applicationServerDelayMs;
      for (const uplink of schedule.between(fromMs - delay, toMs - delay, order)) {
        yield uplinkMessage(origin, uplink);
      }
    },
  };
}
