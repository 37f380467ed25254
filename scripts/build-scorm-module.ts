/**
 * Builds the common-core course's own SCORM 1.2 package, `courses/common-core/scorm/culture-check.zip`,
 * from its sources in `courses/common-core/scorm-src/`.
 *
 *   node scripts/build-scorm-module.ts [sourceDir] [outFile]
 *
 * Before zipping it checks that every file the manifest references exists and that every file in
 * the folder is referenced (so nothing stray ships and nothing listed is missing). The zip is
 * deterministic: entries sorted by path, one fixed modification time, fixed compression level —
 * the same sources always give a byte-identical file.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

export const MANIFEST = 'imsmanifest.xml';

/**
 * Every entry gets this modification time. A local-time date on purpose: zip stores DOS
 * date/time fields, which fflate fills from the local clock fields, so 2026-01-01 00:00 is
 * written the same way in every time zone.
 */
const FIXED_MTIME = new Date(2026, 0, 1, 0, 0, 0);

export interface ScormBuildResult {
  outFile: string;
  bytes: number;
  files: string[];
}

/** All files below `dir` as sorted, '/'-separated relative paths. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort(byPath);
}

/** Plain code-unit order: the same on every machine, unlike localeCompare. */
function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function decodeXmlAttr(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The package files a SCORM 1.2 manifest references: each resource's `href` (its launch
 * file) and each `<file href>`. Throws on references that cannot be package files.
 */
export function manifestReferences(manifestXml: string): string[] {
  const xml = manifestXml.replace(/<!--[\s\S]*?-->/g, '');
  const refs = new Set<string>();
  const problems: string[] = [];
  const tag = /<(resource|file)\b([^>]*)>/g;
  for (const match of xml.matchAll(tag)) {
    const attrs = match[2] ?? '';
    const href = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attrs);
    if (!href) {
      if (match[1] === 'file') problems.push('a <file> element without href');
      continue;
    }
    const raw = decodeXmlAttr(href[1] ?? href[2] ?? '');
    const path = raw.split(/[?#]/)[0] ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/')) {
      problems.push(`"${raw}" is not a file in the package (external or absolute)`);
    } else if (path.split('/').some((part) => part === '..' || part === '.' || part === '')) {
      problems.push(`"${raw}" is not a plain relative path`);
    } else {
      refs.add(path);
    }
  }
  if (problems.length > 0) throw new Error(`${MANIFEST}: ${problems.join('; ')}`);
  return [...refs].sort(byPath);
}

/** Checks the source folder against its manifest and writes the deterministic zip. */
export function buildScormModule(sourceDir: string, outFile: string): ScormBuildResult {
  const src = resolve(sourceDir);
  const manifestPath = join(src, MANIFEST);
  let manifestXml: string;
  try {
    manifestXml = readFileSync(manifestPath, 'utf8');
  } catch {
    throw new Error(`SCORM source ${src}: no ${MANIFEST} at the top of the folder`);
  }
  if (!/<schemaversion>\s*1\.2\s*<\/schemaversion>/.test(manifestXml)) {
    throw new Error(`SCORM source ${src}: ${MANIFEST} does not declare <schemaversion>1.2</schemaversion>`);
  }

  const referenced = manifestReferences(manifestXml);
  const present = listFiles(src);
  const presentSet = new Set(present);
  const referencedSet = new Set(referenced);
  const missing = referenced.filter((f) => !presentSet.has(f));
  const unlisted = present.filter((f) => f !== MANIFEST && !referencedSet.has(f));
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`listed in ${MANIFEST} but missing from the folder: ${missing.join(', ')}`);
  if (unlisted.length > 0) problems.push(`in the folder but not listed in ${MANIFEST}: ${unlisted.join(', ')}`);
  if (problems.length > 0) throw new Error(`SCORM source ${src}: files ${problems.join('; files ')}`);

  const zippable: Zippable = {};
  for (const file of present) {
    zippable[file] = [readFileSync(join(src, file)), { mtime: FIXED_MTIME, level: 9 }];
  }
  const zip = zipSync(zippable, { mtime: FIXED_MTIME, level: 9 });

  const out = resolve(outFile);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  return { outFile: out, bytes: statSync(out).size, files: present };
}

if (import.meta.main) {
  const root = resolve(import.meta.dirname, '..');
  const sourceDir = process.argv[2] ?? join(root, 'courses/common-core/scorm-src');
  const outFile = process.argv[3] ?? join(root, 'courses/common-core/scorm/culture-check.zip');
  try {
    const result = buildScormModule(sourceDir, outFile);
    console.log(
      `${relative(process.cwd(), result.outFile) || result.outFile} ${result.bytes} bytes (${result.files.length} files)`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
