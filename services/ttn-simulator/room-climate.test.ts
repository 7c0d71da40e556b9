import { describe, expect, it } from 'vitest';

import { climateSample, roomConditions, roomProfile, trueCo2At } from './room-climate';

const room = roomProfile(1, 'A81758FFFE001000');
const monday = Date.parse('2026-11-23T00:00:00Z');
const saturday = Date.parse('2026-11-28T00:00:00Z');
const minutes = (startMs: number, count: number) => Array.from({ length: count }, (_, i) => startMs + i * 60_000);
const localDay = (ms: number) => Math.floor((ms + 3_600_000) / 86_400_000);
const localMinute = (ms: number) => Math.floor(((ms + 3_600_000) % 86_400_000) / 60_000);

describe('room climate model', () => {
  it('stays at the outdoor level at night and on weekends', () => {
    expect(trueCo2At(room, new Date(monday + 3 * 3_600_000))).toBeCloseTo(room.outdoorCo2Ppm, 6);
    const weekend = minutes(saturday, 24 * 60).map((ms) => trueCo2At(room, new Date(ms)));
    expect(Math.max(...weekend)).toBeCloseTo(room.outdoorCo2Ppm, 6);
  });

  it('rises well above outdoor air during lessons', () => {
    const schoolDay = minutes(monday + 7 * 3_600_000, 9 * 60).map((ms) => trueCo2At(room, new Date(ms)));
    expect(Math.max(...schoolDay)).toBeGreaterThan(1000);
  });

  it('rises only with people in the room and decays when it is empty', () => {
    for (const ms of minutes(monday, 24 * 60)) {
      const conditions = roomConditions(room, localDay(ms), localMinute(ms));
      const now = trueCo2At(room, new Date(ms));
      const next = trueCo2At(room, new Date(ms + 60_000));
      if (conditions.occupants === 0) expect(next).toBeLessThanOrEqual(now + 1e-9);
      if (conditions.occupants > 0 && conditions.airChangesPerHour < 1 && now < 1500) expect(next).toBeGreaterThan(now);
    }
  });

  it('is a pure function of seed and time, whatever was asked before', () => {
    const t = Math.floor((monday + 10 * 3_600_000 + 1234_000) / 1000);
    const fresh = climateSample(roomProfile(1, 'A81758FFFE001000'), t);
    climateSample(roomProfile(1, 'other-room'), t);
    expect(climateSample(room, t)).toEqual(fresh);
    expect(roomProfile(2, 'A81758FFFE001000')).not.toEqual(room);
  });

  it('gives plausible temperature and humidity all week', () => {
    for (let s = monday / 1000; s < monday / 1000 + 7 * 86_400; s += 600) {
      const sample = climateSample(room, s);
      expect(sample.temperatureCelsius).toBeGreaterThan(15);
      expect(sample.temperatureCelsius).toBeLessThan(27);
      expect(sample.relHumidityPercent).toBeGreaterThan(20);
      expect(sample.relHumidityPercent).toBeLessThan(70);
      expect(sample.co2Ppm).toBeGreaterThan(350);
    }
  });
});
