import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

/** The project's own test SCOs (sources in tests/fixtures/scorm-sources/<name>/). */
export const TEST_SCO_SOURCES = 'tests/fixtures/scorm-sources';
/** Real third-party packages (see tests/fixtures/scorm/README.md). */
export const SCORM_FIXTURES = 'tests/fixtures/scorm';

/** Zips a folder of package sources into `outFile` (the manifest at the zip's root). */
export function zipFolder(folder: string, outFile: string): string {
  const files: Zippable = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[relative(folder, full).split(sep).join('/')] = readFileSync(full);
    }
  };
  walk(folder);
  writeFileSync(outFile, zipSync(files));
  return outFile;
}

/** A test SCO's zip, built into `dir`. */
export function testSco(name: string, dir: string): string {
  return zipFolder(join(TEST_SCO_SOURCES, name), join(dir, `${name}.zip`));
}
