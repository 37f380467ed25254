import { desc, eq } from 'drizzle-orm';
import { resolve } from 'node:path';
import { getDb } from '../db.ts';
import { env } from '../env/index.ts';
import { scormPackages } from '../../../db/schema/index.ts';
import { importPackageFile } from './package/import-package.ts';
import type { ImportedPackage, ScormManifest, ScormVersion } from './package/types.ts';

export interface StoredPackage {
  id: string;
  version: ScormVersion;
  title: string;
  manifest: ScormManifest;
  files: number;
  bytes: number;
  source: 'course' | 'upload' | 'cli';
  originalName: string | null;
  importedAt: Date;
}

/** Where packages are unpacked (absolute, so that a later chdir cannot move it). */
export function packageRoot(): string {
  return resolve(env().SCORM_DIR);
}

/**
 * Imports a SCORM zip: unpacks and validates it into the package store (a rejected file leaves
 * nothing behind and throws a ScormPackageError with the reason) and records it. Importing the
 * same file again returns the package already there.
 */
export async function importScormZip(
  zipPath: string,
  source: StoredPackage['source'],
  meta: { originalName?: string; importedBy?: number } = {},
): Promise<ImportedPackage> {
  const imported = await importPackageFile(zipPath, packageRoot());
  const db = await getDb();
  await db
    .insert(scormPackages)
    .values({
      id: imported.id,
      sha256: imported.sha256,
      version: imported.version,
      title: imported.title,
      manifest: imported.manifest,
      files: imported.files,
      bytes: imported.bytes,
      source,
      originalName: meta.originalName ?? null,
      importedBy: meta.importedBy ?? null,
      importedAt: new Date(),
    })
    .onConflictDoNothing();
  cache.delete(imported.id);
  return imported;
}

// Packages never change once imported (a new file is a new id): cache them per process.
const cache = new Map<string, StoredPackage>();

/** A package by id, or null. */
export async function getPackage(id: string): Promise<StoredPackage | null> {
  const cached = cache.get(id);
  if (cached) return cached;
  const db = await getDb();
  const [row] = await db.select().from(scormPackages).where(eq(scormPackages.id, id));
  if (!row) return null;
  const stored: StoredPackage = {
    id: row.id,
    version: row.version,
    title: row.title,
    manifest: row.manifest,
    files: row.files,
    bytes: row.bytes,
    source: row.source,
    originalName: row.originalName,
    importedAt: row.importedAt,
  };
  cache.set(id, stored);
  return stored;
}

/** Every imported package, newest first (for the admin). */
export async function listPackages() {
  const db = await getDb();
  return db
    .select({
      id: scormPackages.id,
      version: scormPackages.version,
      title: scormPackages.title,
      files: scormPackages.files,
      bytes: scormPackages.bytes,
      source: scormPackages.source,
      originalName: scormPackages.originalName,
      importedAt: scormPackages.importedAt,
    })
    .from(scormPackages)
    .orderBy(desc(scormPackages.importedAt));
}
