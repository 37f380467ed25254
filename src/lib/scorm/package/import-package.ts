import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ScormPackageError } from './errors.ts';
import { parseManifest } from './manifest.ts';
import type { ImportedPackage, ScormItem } from './types.ts';
import { decodeXmlBytes } from './xml.ts';
import { extractZip, type ZipLimits } from './zip-reader.ts';

/** The description of an imported package, next to its files in `storeRoot/<id>/`. */
export const PACKAGE_FILE = 'tilts-package.json';

const PACKAGE_ID = /^pkg-[0-9a-f]{16}$/;

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Launchable items in outline order (depth first, as a learner meets them). */
function launchables(items: ScormItem[]): ImportedPackage['scos'] {
  return items.flatMap((item) => [
    ...(item.launch !== null && item.scormType !== null
      ? [{ identifier: item.identifier, title: item.title, launch: item.launch, scormType: item.scormType }]
      : []),
    ...launchables(item.children),
  ]);
}

/**
 * The manifest's path: `imsmanifest.xml` at the root (the name's case forgiven, as Windows tools
 * vary it). A manifest only inside a folder — the author zipped the folder, not its content —
 * is still no manifest, but the refusal names the folder so the author knows what to do.
 */
function manifestPath(files: string[]): string {
  const named = files.filter((f) => posix.basename(f).toLowerCase() === 'imsmanifest.xml');
  const atRoot = named.find((f) => f === 'imsmanifest.xml') ?? named.find((f) => !f.includes('/'));
  if (atRoot) return atRoot;
  const nearest = named.sort((a, b) => a.split('/').length - b.split('/').length)[0];
  throw new ScormPackageError('no-manifest', nearest ? { folder: posix.dirname(nearest) } : {});
}

function asPackageError(error: unknown): ScormPackageError {
  if (error instanceof ScormPackageError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ScormPackageError('import-failed', { detail }, { cause: error });
}

/** The stored description of package `id`, or null when there is none (or it is unreadable). */
export function readImportedPackage(storeRoot: string, id: string): ImportedPackage | null {
  if (!PACKAGE_ID.test(id)) return null;
  try {
    const parsed = JSON.parse(readFileSync(join(storeRoot, id, PACKAGE_FILE), 'utf8')) as Partial<ImportedPackage>;
    if (parsed.id !== id || typeof parsed.sha256 !== 'string' || typeof parsed.manifest !== 'object') return null;
    return parsed as ImportedPackage;
  } catch {
    return null;
  }
}

/**
 * Imports the SCORM package in the zip file `zipPath` into `storeRoot/<id>/`, where id is
 * `pkg-` and the first 16 hex digits of the zip's SHA-256: the same file always gets the same
 * id, and importing it again returns what is stored. The zip is unpacked into a fresh staging
 * folder under `storeRoot`, its manifest read and checked, the description written as
 * `tilts-package.json` (replacing a file of that name in the package), and only then is the
 * folder renamed into place — so a package is either complete or absent. When two imports of
 * the same file race, the first rename wins and the other returns its result. Any refusal or
 * failure removes the staging folder and throws a ScormPackageError (unexpected errors become
 * import-failed).
 */
export async function importPackageFile(
  zipPath: string,
  storeRoot: string,
  limits?: Partial<ZipLimits>,
): Promise<ImportedPackage> {
  let sha256: string;
  try {
    sha256 = await sha256Of(zipPath);
    await mkdir(storeRoot, { recursive: true });
  } catch (error) {
    throw asPackageError(error);
  }
  const id = `pkg-${sha256.slice(0, 16)}`;
  const final = join(storeRoot, id);
  const stored = readImportedPackage(storeRoot, id);
  if (stored) return stored;

  const staging = join(storeRoot, `.staging-${randomBytes(8).toString('hex')}`);
  try {
    await mkdir(staging);
    const { files, bytes } = await extractZip(zipPath, staging, limits);
    const manifestFile = manifestPath(files);
    const xml = decodeXmlBytes(await readFile(join(staging, ...manifestFile.split('/'))));
    const manifest = parseManifest(xml, new Set(files));
    const pkg: ImportedPackage = {
      id,
      sha256,
      version: manifest.version,
      title: manifest.organisation.title,
      manifest,
      scos: launchables(manifest.items),
      files: files.length,
      bytes,
    };
    await writeFile(join(staging, PACKAGE_FILE), `${JSON.stringify(pkg, null, 2)}\n`);
    // A folder without its description is a leftover of something that failed: not a package.
    if (!readImportedPackage(storeRoot, id)) await rm(final, { recursive: true, force: true });
    try {
      await rename(staging, final);
    } catch (error) {
      const theirs = readImportedPackage(storeRoot, id);
      if (!theirs) throw error;
      await rm(staging, { recursive: true, force: true });
      return theirs;
    }
    return pkg;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw asPackageError(error);
  }
}
