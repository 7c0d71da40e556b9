/** A strong default for a new secret: 32 random bytes from the platform's CSPRNG, as hex (URL- and shell-safe). */
export function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
