import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class UploadTooLarge extends Error {}

/**
 * Streams a request body (or an uploaded File) to a temporary file, never holding it in memory,
 * and stops with UploadTooLarge past `maxBytes`. The caller gets the path and a cleanup that
 * removes it (call it in `finally`: nothing of a failed upload stays on disk).
 */
export async function saveUpload(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<{ path: string; bytes: number; cleanup: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'tilts-upload-'));
  const cleanup = () => rm(folder, { recursive: true, force: true });
  const path = join(folder, 'upload.bin');
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback(bytes > maxBytes ? new UploadTooLarge(`more than ${maxBytes} bytes`) : null, chunk);
    },
  });
  try {
    if (!body) throw new UploadTooLarge('empty body');
    await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), limit, createWriteStream(path));
    return { path, bytes, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
