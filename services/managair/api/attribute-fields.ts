import { z } from 'zod';

/**
 * Attribute types of request documents. The dashboard sends numbers as strings (`"28"`) and
 * empty optional fields as `""` (original-clients.md §4d); DRF coerced both, so these do too.
 * Decimals come back as strings with their column's places, as DRF rendered them: `"5"` → `"5.0"`.
 */

const emptyToNull = (value: unknown) => (value === '' ? null : value);

/** A required string of at most `max` characters, not blank. */
export const requiredText = (max: number) => z.string().trim().min(1, 'This field may not be blank.').max(max);

/** An optional free text; `""` stays `""` (a Django TextField with blank=True). */
export const optionalText = (max?: number) => (max === undefined ? z.string() : z.string().max(max)).nullable();

/** A whole number, from a number or a numeric string; `""` and null are null. */
export const optionalInteger = (min: number, max: number) =>
  z.preprocess((value) => {
    const v = emptyToNull(value);
    return typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  }, z.number().int('A valid integer is required.').min(min).max(max).nullable());

/** A required whole number, from a number or a numeric string. */
export const requiredInteger = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value),
    z.number().int('A valid integer is required.').min(min).max(max),
  );

/**
 * A decimal with at most `digits` digits of which `places` after the point (Django's
 * DecimalField(max_digits, decimal_places)), as a string with exactly `places` decimals;
 * `""` and null are null. A comma is not accepted: the dashboard converts it before sending.
 */
export const optionalDecimal = (digits: number, places: number, min?: number, max?: number) =>
  z.preprocess(
    (value) => {
      const v = emptyToNull(value);
      return typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : v;
    },
    z
      .string()
      .regex(/^-?\d+(\.\d+)?$/, 'A valid number is required.')
      .refine(
        (s) => (s.split('.')[1] ?? '').length <= places,
        `Ensure that there are no more than ${places} decimal places.`,
      )
      .refine(
        (s) =>
          s
            .replace('-', '')
            .split('.')[0]!
            .replace(/^0+(?=\d)/, '').length <=
          digits - places,
        `Ensure that there are no more than ${digits - places} digits before the decimal point.`,
      )
      .refine((s) => min === undefined || Number(s) >= min, `Ensure this value is greater than or equal to ${min}.`)
      .refine((s) => max === undefined || Number(s) <= max, `Ensure this value is less than or equal to ${max}.`)
      .transform((s) => Number(s).toFixed(places))
      .nullable(),
  );

/** true/false, also as the strings DRF's BooleanField took. */
export const flexibleBoolean = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
}, z.boolean());

/** A Unix time in whole seconds within the 32-bit columns, 0…2^31−1. */
export const unixSeconds = requiredInteger(0, 2147483647);
