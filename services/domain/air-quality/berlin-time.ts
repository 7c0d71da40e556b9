/**
 * Calendar arithmetic in Europe/Berlin without a time-zone library: `Intl.DateTimeFormat` (in Node
 * and every browser) gives the local wall clock of an instant, and the offset follows from it.
 * The original read the server's clock and zone instead (original-clair.md §8 item 2).
 */

/** The zone whose calendar days, weeks and months the analysis uses (original-clair.md §3.6 `TIMEZONE`). */
const analysisTimeZone = 'Europe/Berlin';

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: analysisTimeZone,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/** A Europe/Berlin calendar date; month 1…12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The local date and hour of an instant; weekday 0 = Monday … 6 = Sunday, as pandas numbers them (§3.6 step 8). */
export interface LocalTime extends LocalDate {
  hour: number;
  weekday: number;
}

/** The Europe/Berlin wall clock at a UTC instant given in seconds. */
export function localTimeAt(instantS: number): LocalTime {
  const { year, month, day, hour } = wallClockAt(instantS);
  // Date.getUTCDay counts from Sunday = 0; shift so that Monday = 0.
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  return { year, month, day, hour, weekday };
}

/** Seconds the Europe/Berlin wall clock is ahead of UTC at an instant: 3600 in winter, 7200 in summer. */
function utcOffsetS(instantS: number): number {
  const { year, month, day, hour, minute, second } = wallClockAt(instantS);
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - Math.floor(instantS);
}

function wallClockAt(instantS: number): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const parts = new Map(wallClock.formatToParts(new Date(instantS * 1000)).map((part) => [part.type, part.value]));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.get(type));
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}

/**
 * The UTC instant (seconds) of local midnight starting a date. Day and month may overflow
 * (day 0, month 13), as with `Date.UTC`. Berlin changes its clocks at 02:00/03:00, so midnight
 * always exists exactly once; the offset is read twice because it may differ between the naive
 * guess and the answer on the days around a change.
 */
export function localMidnight(date: LocalDate): number {
  const wallS = Date.UTC(date.year, date.month - 1, date.day) / 1000;
  const guessS = wallS - utcOffsetS(wallS);
  return wallS - utcOffsetS(guessS);
}

/** The UTC instant of the local midnight at or before an instant. */
export function startOfLocalDay(instantS: number): number {
  return localMidnight(localTimeAt(instantS));
}

/** The UTC instant of the local midnight after an instant; 82800 or 90000 s later on DST days. */
export function startOfNextLocalDay(instantS: number): number {
  const today = localTimeAt(instantS);
  return localMidnight({ ...today, day: today.day + 1 });
}

/** `YYYY-MM-DD` of the local date at an instant. */
export function localDateLabel(instantS: number): string {
  const { year, month, day } = localTimeAt(instantS);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
