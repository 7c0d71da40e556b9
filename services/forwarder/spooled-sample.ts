import { z } from 'zod';

/**
 * One decoded measurement as the spool file holds it: the decoders' DecodedSample, checked again
 * when read back, since a file on a volume may have been edited or damaged.
 */
export const Sample = z.object({
  timestampS: z.number(),
  co2Ppm: z.number(),
  temperatureCelsius: z.number().nullable(),
  relHumidityPercent: z.number().nullable(),
});
export type Sample = z.infer<typeof Sample>;

/** A sample waiting for ingestair, with where it came from. */
export const SpooledSample = z.object({
  /** Increases by one per sample over the spool's whole life, so acknowledgements are a number. */
  seq: z.number().int().nonnegative(),
  nodeId: z.string(),
  deviceId: z.string(),
  sample: Sample,
  /** Unix milliseconds: the age of the oldest pending sample is a health signal. */
  spooledAt: z.number(),
});
export type SpooledSample = z.infer<typeof SpooledSample>;

export type NewSample = Omit<SpooledSample, 'seq' | 'spooledAt'>;
