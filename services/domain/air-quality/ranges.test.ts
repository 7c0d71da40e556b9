import { describe, expect, it } from 'vitest';

import { clipToInstallation, InvalidMonth, monthRange, thirtyDaysBefore } from './ranges';

/** UTC seconds of an ISO instant written with its offset, so each expected boundary reads as local time. */
const at = (iso: string) => Date.parse(iso) / 1000;

describe('monthRange', () => {
  it('spans March 2026 from CET midnight to CEST midnight: 31 days less the hour lost on 29 March', () => {
    const range = monthRange('2026-03');
    expect(range).toEqual({ fromS: at('2026-03-01T00:00:00+01:00'), toS: at('2026-04-01T00:00:00+02:00') });
    expect(range.toS - range.fromS).toBe(31 * 86400 - 3600);
  });

  it('spans October 2026 from CEST midnight to CET midnight: 31 days plus the hour gained on 25 October', () => {
    const range = monthRange('2026-10');
    expect(range).toEqual({ fromS: at('2026-10-01T00:00:00+02:00'), toS: at('2026-11-01T00:00:00+01:00') });
    expect(range.toS - range.fromS).toBe(31 * 86400 + 3600);
  });

  it('ends December at the next year’s first midnight', () => {
    expect(monthRange('2026-12')).toEqual({
      fromS: at('2026-12-01T00:00:00+01:00'),
      toS: at('2027-01-01T00:00:00+01:00'),
    });
  });

  it.each(['2026-13', '2026-00', '2026-3', 'March', '2026-03-01', ''])('refuses "%s" with InvalidMonth', (text) => {
    expect(() => monthRange(text)).toThrow(InvalidMonth);
  });
});

describe('thirtyDaysBefore', () => {
  // 10 April 12:00 UTC is 14:00 CEST; the window ends at that day's local midnight (22:00 UTC on
  // the 9th) and starts 30 calendar days earlier, on 11 March in CET: 30 days less one hour.
  const expected = { fromS: at('2026-03-11T00:00:00+01:00'), toS: at('2026-04-10T00:00:00+02:00') };

  it('covers the 30 local days before the local day of the instant, across the March change', () => {
    const range = thirtyDaysBefore(at('2026-04-10T12:00:00Z'));
    expect(range).toEqual(expected);
    expect(range.toS - range.fromS).toBe(30 * 86400 - 3600);
  });

  it('takes the Berlin date, not the UTC date, of an instant just after local midnight', () => {
    // 22:30 UTC on the 9th is already 00:30 on the 10th in Berlin.
    expect(thirtyDaysBefore(at('2026-04-09T22:30:00Z'))).toEqual(expected);
  });
});

describe('clipToInstallation', () => {
  it('keeps the samples from the installation’s start to its end, both included, as ingestion assigns them', () => {
    const samples = [99, 100, 150, 200, 201].map((timestampS) => ({ timestampS, co2Ppm: 400 }));
    expect(clipToInstallation(samples, { fromS: 100, toS: 200 }).map((s) => s.timestampS)).toEqual([100, 150, 200]);
  });
});
