/**
 * Deterministic randomness as a pure function of its keys, so that any value of the simulation
 * (a room's size, a lesson's attendance, an uplink's RSSI) can be recomputed from the seed alone:
 * history served over HTTP and uplinks published live then agree without shared state.
 */
export function unitNoise(seed: number, ...keys: (string | number)[]): number {
  // FNV-1a over the keys, then a murmur3 finaliser to spread nearby inputs across the range.
  let hash = 0x811c9dc5 ^ seed;
  for (const key of keys) {
    const text = `${String(key)}\u0000`;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x1_0000_0000;
}

/** A deterministic value in [min, max). */
export function noiseBetween(min: number, max: number, seed: number, ...keys: (string | number)[]): number {
  return min + (max - min) * unitNoise(seed, ...keys);
}

/** A deterministic integer in [min, max]. */
export function noiseInt(min: number, max: number, seed: number, ...keys: (string | number)[]): number {
  return min + Math.floor((max - min + 1) * unitNoise(seed, ...keys));
}

/** Deterministic bytes, for opaque values such as session key ids and uplink tokens. */
export function noiseBytes(length: number, seed: number, ...keys: (string | number)[]): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => Math.floor(256 * unitNoise(seed, ...keys, i)));
}
