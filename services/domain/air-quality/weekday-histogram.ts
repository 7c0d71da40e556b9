import { localTimeAt } from './berlin-time';
import type { Slot } from './slot-grid';
import { slotS } from './thresholds';

/** A whole local hour in which no 10-minute slot lacks data (original-clair.md §3.6 step 7). */
export interface ValidHour {
  startS: number;
  /** 0 = Monday … 6 = Sunday, in Europe/Berlin. */
  weekday: number;
  /** Europe/Berlin hour 0…23; on the October change two hours are labelled 2, in March none is. */
  hour: number;
  meanPpm: number;
}

/** The dashboard's weekday keys, Monday first, as in `airq_hist` (original-clients.md §5.3). */
export const weekdayKeys = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;

/** `airq_hist`: mean CO2 ppm per local hour 0…23 for each weekday, or [] for a weekday missing any hour. */
export type WeekdayHistogram = Record<(typeof weekdayKeys)[number], number[]>;

const hourS = 3600;

/**
 * The hours of the grid with all six slots present. Berlin's offsets are whole hours, so local
 * hours start at UTC hour boundaries; an hour cut off by the range's ends is incomplete and left out.
 */
export function validHours(slots: readonly Slot[]): ValidHour[] {
  const byHour = new Map<number, number[]>();
  for (const slot of slots) {
    if (slot.co2Ppm === null) continue;
    const hourStartS = Math.floor(slot.startS / hourS) * hourS;
    byHour.set(hourStartS, [...(byHour.get(hourStartS) ?? []), slot.co2Ppm]);
  }
  return [...byHour]
    .filter(([, values]) => values.length === hourS / slotS)
    .map(([startS, values]) => {
      const { weekday, hour } = localTimeAt(startS);
      return { startS, weekday, hour, meanPpm: values.reduce((total, ppm) => total + ppm, 0) / values.length };
    });
}

/**
 * The mean of the valid hours' means per local weekday and hour (original-clair.md §3.6 step 8;
 * the histogram shows mean CO2 since commit 8b17b59). Like the original, a weekday is [] unless
 * each of its 24 hours occurs at least once, so a range whose only Sunday is the March change day
 * (no 02:00) has no Sunday.
 */
export function weekdayHistogram(hours: readonly ValidHour[]): WeekdayHistogram {
  const cells = weekdayKeys.map(() => Array.from({ length: 24 }, () => ({ total: 0, count: 0 })));
  for (const { weekday, hour, meanPpm } of hours) {
    const cell = cells[weekday]?.[hour];
    if (!cell) continue;
    cell.total += meanPpm;
    cell.count += 1;
  }
  const histogram = {} as WeekdayHistogram;
  weekdayKeys.forEach((key, weekday) => {
    const day = cells[weekday] ?? [];
    histogram[key] = day.every((cell) => cell.count > 0) ? day.map((cell) => cell.total / cell.count) : [];
  });
  return histogram;
}
