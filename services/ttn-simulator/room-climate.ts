import { noiseBetween, noiseInt, unitNoise } from './seeded-random';

/** One measurement as the decoders report it, so simulated and decoded samples compare directly. */
export interface ClimateSample {
  timestampS: number;
  co2Ppm: number;
  temperatureCelsius: number;
  relHumidityPercent: number;
}

/** The fixed properties of one simulated classroom. */
export interface RoomProfile {
  seed: number;
  key: string;
  volumeM3: number;
  classSize: number;
  outdoorCo2Ppm: number;
  /** Air changes per hour with windows shut. */
  infiltrationPerHour: number;
  /** Share of timetable slots in which a class uses the room. */
  lessonShare: number;
  /** Share of breaks in which someone opens the windows. */
  ventilationDiscipline: number;
  heatingCelsius: number;
  baseRelHumidityPercent: number;
}

/** The school's clock: Berlin winter time. The timetable is local, the samples are UTC. */
const utcOffsetMs = 60 * 60_000;
const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

// About 0.005 L/s of CO2 per seated person (ASHRAE 62.1 background), i.e. 0.018 m³/h.
const co2PerPersonM3PerHour = 0.018;
const tiltedWindowPerHour = 2.5;
const openWindowsPerHour = 8;

/** A German school day: eight 45-minute lessons (minutes after local midnight). */
const lessons: readonly (readonly [start: number, end: number])[] = [
  [8 * 60, 8 * 60 + 45],
  [8 * 60 + 50, 9 * 60 + 35],
  [9 * 60 + 55, 10 * 60 + 40],
  [10 * 60 + 45, 11 * 60 + 30],
  [11 * 60 + 50, 12 * 60 + 35],
  [12 * 60 + 40, 13 * 60 + 25],
  [14 * 60, 14 * 60 + 45],
  [14 * 60 + 50, 15 * 60 + 35],
];

export function roomProfile(seed: number, key: string): RoomProfile {
  return {
    seed,
    key,
    volumeM3: noiseBetween(150, 220, seed, key, 'volume'),
    classSize: noiseInt(18, 30, seed, key, 'class-size'),
    outdoorCo2Ppm: noiseBetween(415, 430, seed, key, 'outdoor'),
    infiltrationPerHour: noiseBetween(0.3, 0.8, seed, key, 'infiltration'),
    lessonShare: noiseBetween(0.6, 0.95, seed, key, 'lesson-share'),
    ventilationDiscipline: noiseBetween(0.2, 0.9, seed, key, 'discipline'),
    heatingCelsius: noiseBetween(19.5, 22, seed, key, 'heating'),
    baseRelHumidityPercent: noiseBetween(33, 43, seed, key, 'humidity'),
  };
}

interface Conditions {
  occupants: number;
  airChangesPerHour: number;
}

/** Who is in the room and how much air is exchanged during one minute of a local day. */
export function roomConditions(room: RoomProfile, localDay: number, minute: number): Conditions {
  const weekday = (localDay + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  const closed = { occupants: 0, airChangesPerHour: room.infiltrationPerHour };
  if (weekday === 0 || weekday === 6) return closed;
  const lesson = lessons.findIndex(([start, end]) => minute >= start && minute < end);
  if (lesson >= 0) {
    const [start] = lessons[lesson] ?? [0];
    const afternoon = lesson >= 6 ? 0.5 : 1;
    const held = unitNoise(room.seed, room.key, localDay, lesson, 'held') < room.lessonShare * afternoon;
    if (!held) return closed;
    const present = Math.round(room.classSize * noiseBetween(0.8, 1, room.seed, room.key, localDay, lesson, 'present'));
    const tilted = unitNoise(room.seed, room.key, localDay, lesson, 'tilted') < 0.3;
    const shockVentilated =
      unitNoise(room.seed, room.key, localDay, lesson, 'shock') < 0.2 && minute - start >= 20 && minute - start < 25;
    const airChangesPerHour = shockVentilated
      ? openWindowsPerHour
      : tilted
        ? tiltedWindowPerHour
        : room.infiltrationPerHour;
    return { occupants: present, airChangesPerHour };
  }
  const breakAfter = lessons.findLastIndex(([, end]) => minute >= end);
  const inSchoolDay = breakAfter >= 0 && breakAfter < lessons.length - 1;
  if (inSchoolDay && unitNoise(room.seed, room.key, localDay, breakAfter, 'aired') < room.ventilationDiscipline) {
    return { occupants: 0, airChangesPerHour: openWindowsPerHour };
  }
  return closed;
}

/**
 * Single-zone CO2 mass balance, dC/dt = n·G·10⁶/V − λ·(C − C_out), solved exactly over each
 * minute in which occupancy and air change are constant. Each local day starts at the outdoor
 * level: after a night with the room empty, eight or more hours of infiltration have removed
 * nearly all of the previous day's excess.
 */
function stepCo2(room: RoomProfile, co2: number, conditions: Conditions, durationH: number): number {
  const sourcePpmPerHour = (conditions.occupants * co2PerPersonM3PerHour * 1e6) / room.volumeM3;
  const steadyState = room.outdoorCo2Ppm + sourcePpmPerHour / conditions.airChangesPerHour;
  return steadyState + (co2 - steadyState) * Math.exp(-conditions.airChangesPerHour * durationH);
}

const dayCurves = new Map<string, Float64Array>();
const maxCachedDays = 1024;

/** CO2 at every minute boundary of a local day; recomputing a day costs 1440 steps, so keep some. */
function dayCurve(room: RoomProfile, localDay: number): Float64Array {
  const cacheKey = `${room.seed}/${room.key}/${localDay}`;
  const cached = dayCurves.get(cacheKey);
  if (cached) return cached;
  const curve = new Float64Array(24 * 60 + 1);
  curve[0] = room.outdoorCo2Ppm;
  for (let minute = 0; minute < 24 * 60; minute++) {
    curve[minute + 1] = stepCo2(room, curve[minute] ?? 0, roomConditions(room, localDay, minute), 1 / 60);
  }
  if (dayCurves.size >= maxCachedDays) dayCurves.clear();
  dayCurves.set(cacheKey, curve);
  return curve;
}

/** The true (noise-free) CO2 concentration in the room at an instant. */
export function trueCo2At(room: RoomProfile, time: Date): number {
  const localMs = time.getTime() + utcOffsetMs;
  const localDay = Math.floor(localMs / dayMs);
  const minuteFloat = (localMs - localDay * dayMs) / minuteMs;
  const minute = Math.floor(minuteFloat);
  const atMinute = dayCurve(room, localDay)[minute] ?? room.outdoorCo2Ppm;
  return stepCo2(room, atMinute, roomConditions(room, localDay, minute), (minuteFloat - minute) / 60);
}

/**
 * What a sensor in the room reads at a whole second: the true CO2 plus sensor noise (±(10 ppm +
 * 3 %), the usual NDIR accuracy class), with temperature and humidity following the CO2 excess
 * because both come from the same bodies and the same open windows.
 */
export function climateSample(room: RoomProfile, timestampS: number): ClimateSample {
  const time = new Date(timestampS * 1000);
  const co2 = trueCo2At(room, time);
  const localMs = time.getTime() + utcOffsetMs;
  const localDay = Math.floor(localMs / dayMs);
  const minute = Math.floor((localMs - localDay * dayMs) / minuteMs);
  const conditions = roomConditions(room, localDay, minute);
  const load = 1 - Math.exp(-(co2 - room.outdoorCo2Ppm) / 1500);
  const airing = conditions.airChangesPerHour >= openWindowsPerHour ? 1 : 0;
  const heated = minute >= 6 * 60 && minute < 17 * 60 ? 0 : -2;
  const noise = (name: string, span: number) => noiseBetween(-span, span, room.seed, room.key, timestampS, name);
  const co2Ppm = co2 + noise('co2', 10 + 0.03 * co2);
  const temperatureCelsius = room.heatingCelsius + heated + 2 * load - 1.5 * airing + noise('temperature', 0.2);
  const relHumidityPercent = room.baseRelHumidityPercent + 12 * load - 5 * airing + noise('humidity', 1);
  return {
    timestampS,
    co2Ppm: Math.max(0, Math.round(co2Ppm)),
    temperatureCelsius: Math.round(temperatureCelsius * 10) / 10,
    relHumidityPercent: Math.round(Math.min(95, Math.max(5, relHumidityPercent)) * 10) / 10,
  };
}
