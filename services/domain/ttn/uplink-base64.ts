const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const sextets = new Int8Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) sextets[alphabet.charCodeAt(i)] = i;

const padded = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Standard, padded base64 as TTN encodes byte fields (`frm_payload`, v2 `payload_raw`), or
 * undefined for anything else. Strict, unlike atob, so a mangled payload is refused rather than
 * decoded into different bytes; and pure, without node:buffer.
 * @see ttn-formats.md §1.3 (encoding rules)
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!padded.test(text)) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  // The pattern admits only alphabet characters and final '=', which counts as 0 bits.
  const sextet = (i: number): number => Math.max(0, sextets[text.charCodeAt(i)]!);
  let out = 0;
  for (let i = 0; i < text.length; i += 4) {
    const chunk = (sextet(i) << 18) | (sextet(i + 1) << 12) | (sextet(i + 2) << 6) | sextet(i + 3);
    for (const shift of [16, 8, 0]) if (out < bytes.length) bytes[out++] = (chunk >> shift) & 0xff;
  }
  return bytes;
}
