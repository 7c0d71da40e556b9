/** The constants of the original analysis (original-clair.md §3.6 table), in seconds and ppm. */

/** At or above this, a 10-minute slot counts toward the excess (`CLEAN_AIR_THRESHOLD_PPM`). */
export const cleanAirThresholdPpm = 1500;
/** A valid day reaching this ever loses the medal (`BAD_AIR_THRESHOLD_PPM`). */
export const badAirThresholdPpm = 2000;
/** A valid day scoring this or more loses the medal (`EXCESS_SCORE_THRESHOLD`). */
export const excessScoreThreshold = 150;
/** The medal is lost when this share of the valid days has any excess (`EXCESS_RATE`). */
export const excessDayRate = 0.3;
/** The medal needs at least this share of valid days (`VALID_DAY_RATE`). */
export const validDayRate = 0.6;
/** Two samples further apart than this leave a gap between them (`MAX_GAP` = 30 min). */
export const maxSampleGapS = 1800;
/** The width of the uniform grid the samples are resampled to (`TARGET_RATE_S`). */
export const slotS = 600;
/** A day missing more than this is not valid (`MAX_DAY_GAP_S`). */
export const maxDayGapS = 3600;
