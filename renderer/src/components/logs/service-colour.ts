const palette = ['#0b7a75', '#6a4c93', '#c05621', '#2b6cb0', '#b83280', '#2f855a', '#975a16', '#4a5568'];

/** The same colour for a service on every render and every screen visit. */
export function serviceColour(service: string): string {
  let hash = 0;
  for (let index = 0; index < service.length; index++) hash = (hash * 31 + service.charCodeAt(index)) | 0;
  return palette[Math.abs(hash) % palette.length]!;
}
