import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ScormPackageError } from './errors.ts';

/** Limits on what a package may unpack to; tests pass small ones. */
export interface ZipLimits {
  /** Entries in the archive, files and folders alike. */
  maxFiles: number;
  /** Bytes of all files together, counted as they are inflated. */
  maxTotalBytes: number;
  /** Bytes of one file. */
  maxFileBytes: number;
  /** A file that inflates beyond `ratioCheckFileBytes` may not be more than `maxFileRatio` times its compressed size… */
  ratioCheckFileBytes: number;
  maxFileRatio: number;
  /** …and once more than `ratioCheckTotalBytes` are out, the package may not exceed `maxTotalRatio` times the archive. */
  ratioCheckTotalBytes: number;
  maxTotalRatio: number;
}

/**
 * Real packages are HTML, scripts and media: text deflates 3–10:1 and images, audio and video
 * hardly at all, so whole packages come out at 1–5 times their archive. Deflate reaches about
 * 1000:1 only on repeated bytes, which is what zip bombs are made of. Small files are exempt
 * from the ratio checks (a 1 MB blank JSON harms nobody); beyond them, 100:1 for a file and
 * 200:1 for the whole archive leave real content far below the line. 1 GiB is above any course
 * (video belongs in streaming, not in SCORM), and one file may take half of it.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxFiles: 10_000,
  maxTotalBytes: 1024 ** 3,
  maxFileBytes: 512 * 1024 ** 2,
  ratioCheckFileBytes: 10 * 1024 ** 2,
  maxFileRatio: 100,
  ratioCheckTotalBytes: 64 * 1024 ** 2,
  maxTotalRatio: 200,
};

export interface ExtractedZip {
  /** The files written, as `/`-separated paths from the destination folder. */
  files: string[];
  /** Their uncompressed bytes. */
  bytes: number;
}

const MB = 1024 * 1024;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Why an entry name is refused: it must stay inside the destination whatever system unpacks it. */
function escapes(name: string): boolean {
  return (
    name.includes('\0') ||
    name.includes('\\') ||
    name.startsWith('/') ||
    /^[a-zA-Z]:/.test(name) ||
    name.split('/').includes('..')
  );
}

/** Node's file system errors (ENOSPC, EACCES…) are ours, not the package's. */
function isSystemError(error: unknown): boolean {
  return error instanceof Error && 'syscall' in error && typeof (error as { code?: unknown }).code === 'string';
}

/** Tracks the paths written so far, by a key blind to letter case and Unicode normal form. */
class PathRegistry {
  private readonly seen = new Map<string, { path: string; dir: boolean }>();

  add(path: string, dir: boolean): void {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) this.claim(parts.slice(0, i).join('/'), true, path);
    this.claim(path, dir, path);
  }

  private claim(path: string, dir: boolean, entry: string): void {
    const key = path.normalize('NFC').toLowerCase();
    const known = this.seen.get(key);
    if (!known) {
      this.seen.set(key, { path, dir });
      return;
    }
    // A folder may be listed again (or implied by its files); any other reuse is a clash that
    // would silently replace content on a case-insensitive disk or a browser's view of it.
    if (known.dir && dir && known.path === path) return;
    throw new ScormPackageError('duplicate-path', { path: entry, other: known.path });
  }
}

/**
 * Unpacks the zip file at `zipPath` into `destDir` (which should be new and empty), streaming
 * each entry to disk. Refuses, with a ScormPackageError: a file that is not a zip; entry names
 * that could leave the folder (`..`, absolute, backslashes, drive letters, NUL); symlinks;
 * encrypted entries; unknown compression; duplicate paths (also by letter case); more entries,
 * bytes or compression than the limits allow — counted on the bytes actually inflated, not on
 * the sizes the archive declares; data that does not match its declared size or CRC. On an
 * error, what was written stays: the caller unpacks into a staging folder it removes.
 */
export async function extractZip(
  zipPath: string,
  destDir: string,
  limits: Partial<ZipLimits> = {},
): Promise<ExtractedZip> {
  const limit: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const archiveBytes = Math.max((await stat(zipPath)).size, 1);
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, {
      lazyEntries: true,
      autoClose: true,
      // Names are decoded and checked here, so that each kind of bad name has its own reason.
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    if (isSystemError(error)) throw error;
    throw new ScormPackageError('not-zip', {}, { cause: error });
  }
  if (zip.entryCount > limit.maxFiles) {
    zip.close();
    throw new ScormPackageError('too-many-files', { limit: limit.maxFiles });
  }

  const registry = new PathRegistry();
  const files: string[] = [];
  const total = { bytes: 0 };
  const entries = zip.eachEntry();
  try {
    for (;;) {
      let next: IteratorResult<Entry>;
      try {
        next = await entries.next();
      } catch (error) {
        // The central directory itself is unreadable: as good as not a zip.
        const strong = error instanceof Error && /encryption/i.test(error.message);
        throw new ScormPackageError(strong ? 'encrypted' : 'not-zip', strong ? { path: '?' } : {}, { cause: error });
      }
      if (next.done) break;
      const file = await extractEntry(zip, next.value, destDir, registry, limit, archiveBytes, total);
      if (file !== null) files.push(file);
    }
  } catch (error) {
    await entries.return?.();
    zip.close();
    throw error;
  }
  return { files, bytes: total.bytes };
}

/** Writes one entry; returns its path if it is a file, null for a folder. */
async function extractEntry(
  zip: ZipFile,
  entry: Entry,
  destDir: string,
  registry: PathRegistry,
  limit: ZipLimits,
  archiveBytes: number,
  total: { bytes: number },
): Promise<string | null> {
  const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
  const shown = name.replace(/\0/g, '\\0');
  if (escapes(name)) throw new ScormPackageError('path-escape', { path: shown });
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
    throw new ScormPackageError('symlink', { path: shown });
  }
  if (entry.isEncrypted()) throw new ScormPackageError('encrypted', { path: shown });
  const isDir = name.endsWith('/');
  const path = name
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
  if (path === '') return null;
  registry.add(path, isDir);
  const target = join(destDir, ...path.split('/'));
  if (isDir) {
    await mkdir(target, { recursive: true });
    return null;
  }
  if (!entry.canDecodeFileData()) {
    throw new ScormPackageError('unsupported-compression', { path, method: entry.compressionMethod });
  }
  // The declared sizes give an early answer; the bytes are counted again as they come.
  if (entry.uncompressedSize > limit.maxFileBytes) {
    throw new ScormPackageError('file-too-large', { path, limitMb: Math.floor(limit.maxFileBytes / MB) });
  }
  if (total.bytes + entry.uncompressedSize > limit.maxTotalBytes) {
    throw new ScormPackageError('too-large', { limitMb: Math.floor(limit.maxTotalBytes / MB) });
  }
  await mkdir(dirname(target), { recursive: true });
  let bytes = 0;
  let crc = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      total.bytes += chunk.length;
      crc = crc32(chunk, crc);
      if (bytes > limit.maxFileBytes) {
        done(new ScormPackageError('file-too-large', { path, limitMb: Math.floor(limit.maxFileBytes / MB) }));
      } else if (total.bytes > limit.maxTotalBytes) {
        done(new ScormPackageError('too-large', { limitMb: Math.floor(limit.maxTotalBytes / MB) }));
      } else if (bytes > limit.ratioCheckFileBytes && bytes / Math.max(entry.compressedSize, 1) > limit.maxFileRatio) {
        const ratio = Math.round(bytes / Math.max(entry.compressedSize, 1));
        done(new ScormPackageError('compression-ratio', { path, ratio, limit: limit.maxFileRatio }));
      } else if (total.bytes > limit.ratioCheckTotalBytes && total.bytes / archiveBytes > limit.maxTotalRatio) {
        const ratio = Math.round(total.bytes / archiveBytes);
        done(new ScormPackageError('compression-ratio', { path, ratio, limit: limit.maxTotalRatio }));
      } else {
        done(null, chunk);
      }
    },
    flush(done) {
      // yauzl checks the size; the CRC tells of data damaged in a way that keeps the size.
      done(crc === entry.crc32 ? null : new ScormPackageError('corrupt-zip', { path }));
    },
  });
  try {
    const source = await zip.openReadStreamPromise(entry);
    // 'wx': never write through anything already there (the folder is new; this is a guard).
    await pipeline(source, meter, createWriteStream(target, { flags: 'wx' }));
  } catch (error) {
    if (error instanceof ScormPackageError || isSystemError(error)) throw error;
    // Inflate errors and yauzl's size checks: the data is not what the archive says it is.
    throw new ScormPackageError('corrupt-zip', { path }, { cause: error });
  }
  return path;
}
