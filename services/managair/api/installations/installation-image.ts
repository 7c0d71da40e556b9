import { randomUUID } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

/**
 * Installation photos on disk. The original took whatever Pillow could open and never served it
 * back (§8.7); here a photo is a PNG, JPEG or WebP, recognised by its first bytes (not by the
 * name or the declared type), at most {@link maxImageBytes}, stored as `uuid4.<extension>` as
 * the original named it, in a folder of the media root.
 */

export const maxImageBytes = 5 * 1024 * 1024;

const folder = 'installation-images';

interface ImageType {
  extension: string;
  contentType: string;
  matches: (bytes: Buffer) => boolean;
}

const imageTypes: readonly ImageType[] = [
  {
    extension: 'png',
    contentType: 'image/png',
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    extension: 'jpg',
    contentType: 'image/jpeg',
    matches: (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  },
  {
    extension: 'webp',
    contentType: 'image/webp',
    matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

/** The image type of the bytes, or undefined when they are none of the accepted ones. */
export function detectImageType(bytes: Buffer): ImageType | undefined {
  return imageTypes.find((type) => type.matches(bytes));
}

/** Where a stored path lives; undefined if it would leave the media root (a tampered column). */
function absolutePath(mediaRoot: string, storedPath: string): string | undefined {
  const root = resolve(mediaRoot);
  const path = resolve(root, storedPath);
  return path.startsWith(root + sep) ? path : undefined;
}

/** Writes the image and answers the path to keep in `installations.image`. */
export async function storeImage(mediaRoot: string, bytes: Buffer, type: ImageType): Promise<string> {
  await mkdir(join(mediaRoot, folder), { recursive: true });
  const storedPath = `${folder}/${randomUUID()}.${type.extension}`;
  await writeFile(join(mediaRoot, storedPath), bytes, { flag: 'wx' });
  return storedPath;
}

/** The stored image with its type, or undefined when the file is missing or unreadable. */
export async function readImage(
  mediaRoot: string,
  storedPath: string,
): Promise<{ bytes: Buffer; contentType: string } | undefined> {
  const path = absolutePath(mediaRoot, storedPath);
  if (!path) return undefined;
  const bytes = await readFile(path).catch(() => undefined);
  const type = bytes && detectImageType(bytes);
  return bytes && type ? { bytes, contentType: type.contentType } : undefined;
}

/** Removes a replaced or orphaned image; a file already gone is no error. */
export async function removeImage(mediaRoot: string, storedPath: string): Promise<void> {
  const path = absolutePath(mediaRoot, storedPath);
  if (path) await unlink(path).catch(() => undefined);
}
