import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScormPackageError, type ScormRejectCode } from './errors.ts';
import { importPackageFile, PACKAGE_FILE, readImportedPackage } from './import-package.ts';
import { buildZip, deflatedZeros, manifest12, packageZip, type RawEntry } from './test-zips.ts';
import type { ImportedPackage, ScormItem } from './types.ts';
import type { ZipLimits } from './zip-reader.ts';

const FIXTURES = 'tests/fixtures/scorm';

let dir: string;
let store: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tilts-scorm-import-'));
  store = join(dir, 'store');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function zipFile(contents: Buffer | string, name = 'upload.zip'): string {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}

/** Imports and expects a refusal with `code`, leaving nothing in the store. */
async function refused(
  zipPath: string,
  code: ScormRejectCode,
  limits?: Partial<ZipLimits>,
): Promise<ScormPackageError> {
  const error = await importPackageFile(zipPath, store, limits).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScormPackageError);
  const refusal = error as ScormPackageError;
  expect(refusal.code, refusal.message).toBe(code);
  expect(existsSync(store) ? readdirSync(store) : []).toEqual([]);
  return refusal;
}

function count(items: ScormItem[]): number {
  return items.reduce((n, i) => n + 1 + count(i.children), 0);
}

function expectLaunchesOnDisk(pkg: ImportedPackage): void {
  for (const sco of pkg.scos) {
    const file = decodeURIComponent(sco.launch.replace(/[?#].*$/, ''));
    expect(existsSync(join(store, pkg.id, file)), sco.launch).toBe(true);
  }
}

describe('importPackageFile: the fixtures', () => {
  it('imports golf12-runtime-basic: SCORM 1.2, one SCO', async () => {
    const pkg = await importPackageFile(join(FIXTURES, 'golf12-runtime-basic.zip'), store);
    expect(pkg.id).toMatch(/^pkg-[0-9a-f]{16}$/);
    expect(pkg.id).toBe(`pkg-${pkg.sha256.slice(0, 16)}`);
    expect(pkg.version).toBe('1.2');
    expect(pkg.title).toBe('Golf Explained - Run-time Basic Calls');
    expect(pkg.manifest.organisation).toEqual({
      identifier: 'golf_sample_default_org',
      title: 'Golf Explained - Run-time Basic Calls',
    });
    expect(pkg.scos).toEqual([
      { identifier: 'item_1', title: 'Golf Explained', launch: 'shared/launchpage.html', scormType: 'sco' },
    ]);
    expect(pkg.manifest.sequencing).toBeNull();
    expect(pkg.files).toBeGreaterThan(1);
    expect(pkg.bytes).toBeGreaterThan(0);
    expectLaunchesOnDisk(pkg);
    expect(readImportedPackage(store, pkg.id)).toEqual(pkg);
  });

  it('imports golf12-multisco-runtime-minimum: 22 items = 4 clusters + 18 SCOs', async () => {
    const pkg = await importPackageFile(join(FIXTURES, 'golf12-multisco-runtime-minimum.zip'), store);
    expect(pkg.version).toBe('1.2');
    expect(pkg.title).toBe('Golf Explained - Minimum Run-time Calls');
    expect(count(pkg.manifest.items)).toBe(22);
    expect(pkg.manifest.items.map((i) => [i.identifier, i.launch, i.children.length])).toEqual([
      ['playing_item', null, 6],
      ['etiquette_item', null, 4],
      ['handicapping_item', null, 5],
      ['havingfun_item', null, 3],
    ]);
    expect(pkg.scos).toHaveLength(18);
    expect(pkg.scos[0]).toEqual({
      identifier: 'playing_playing_item',
      title: 'How to Play',
      launch: 'Playing/Playing.html',
      scormType: 'sco',
    });
    // parameters="?questions=Playing" on a resource href without a query.
    expect(pkg.scos.find((s) => s.identifier === 'playing_quiz_item')?.launch).toBe(
      'shared/assessmenttemplate.html?questions=Playing',
    );
    expectLaunchesOnDisk(pkg);
  });

  it('imports golf2004-2nd-singlesco: "CAM 1.3" is SCORM 2004 2nd edition', async () => {
    const pkg = await importPackageFile(join(FIXTURES, 'golf2004-2nd-singlesco.zip'), store);
    expect(pkg.version).toBe('2004-2nd');
    expect(pkg.title).toBe('Golf Explained - CP Single SCO');
    expect(pkg.scos).toEqual([
      { identifier: 'item_1', title: 'Golf Explained', launch: 'shared/launchpage.html', scormType: 'sco' },
    ]);
    // It declares no sequencing: played like SCORM 1.2, without an activity tree.
    expect(pkg.manifest.sequencing).toBeNull();
    expectLaunchesOnDisk(pkg);
  });

  it('imports golf2004-3rd-runtime-advanced with its manifest objectives and passing score', async () => {
    const pkg = await importPackageFile(join(FIXTURES, 'golf2004-3rd-runtime-advanced.zip'), store);
    expect(pkg.version).toBe('2004-3rd');
    expect(pkg.title).toBe('Golf Explained - Run-time Advanced Calls');
    expect(pkg.scos).toHaveLength(1);
    const [item] = pkg.manifest.items;
    expect(item?.objectiveIds).toEqual([
      'PRIMARYOBJ',
      'obj_etiquette',
      'obj_handicapping',
      'obj_havingfun',
      'obj_playing',
    ]);
    expect(item?.minNormalizedMeasure).toBe(0.8);
    expectLaunchesOnDisk(pkg);
  });

  it('imports golf2004-3rd-multisco-runtime-minimum: 22 items = 4 clusters + 18 SCOs', async () => {
    const pkg = await importPackageFile(join(FIXTURES, 'golf2004-3rd-multisco-runtime-minimum.zip'), store);
    expect(pkg.version).toBe('2004-3rd');
    expect(pkg.title).toBe('Golf Explained - Minimum Run-time Calls');
    expect(count(pkg.manifest.items)).toBe(22);
    expect(pkg.scos).toHaveLength(18);
    expectLaunchesOnDisk(pkg);
  });

  it('imports golf2004-3rd-seq-simple-remediation: 9 items = 1 hidden wrapper + 8 SCOs', async () => {
    const pkg = await importPackageFile(join(FIXTURES, 'golf2004-3rd-seq-simple-remediation.zip'), store);
    expect(pkg.version).toBe('2004-3rd');
    expect(pkg.title).toBe('Golf Explained - Simple Remediation');
    expect(count(pkg.manifest.items)).toBe(9);
    const [wrapper] = pkg.manifest.items;
    expect(wrapper?.identifier).toBe('content_wrapper');
    expect(wrapper?.isVisible).toBe(false);
    expect(wrapper?.launch).toBeNull();
    expect(pkg.scos.map((s) => s.launch)).toEqual([
      'shared/launchpage.html?content=playing',
      'shared/launchpage.html?content=etiquette',
      'shared/launchpage.html?content=handicapping',
      'shared/launchpage.html?content=havingfun',
      'shared/launchpage.html?content=assessment1',
      'shared/launchpage.html?content=assessment2',
      'shared/launchpage.html?content=assessment3',
      'shared/launchpage.html?content=assessment4',
    ]);
    expectLaunchesOnDisk(pkg);
  });

  it('refuses broken-parser-malformed-xml-12 as malformed XML, with the line', async () => {
    const error = await refused(join(FIXTURES, 'broken-parser-malformed-xml-12.zip'), 'malformed-xml');
    expect(error.params['line']).toBe(27);
  });

  it('refuses broken-parser-dangling-identifierref-12, naming the item and the missing resource', async () => {
    const error = await refused(join(FIXTURES, 'broken-parser-dangling-identifierref-12.zip'), 'resource-missing');
    expect(error.params).toEqual({ item: 'item_1', ref: 'non_existent_resource' });
  });

  it('refuses broken-no-manifest', async () => {
    const error = await refused(join(FIXTURES, 'broken-no-manifest.zip'), 'no-manifest');
    expect(error.params).toEqual({});
    expect(error.messageKey).toBe('scorm.reject.no-manifest');
  });
});

describe('importPackageFile: storage', () => {
  it('gives the same file the same id, and a second import returns the stored package', async () => {
    const path = join(FIXTURES, 'golf12-runtime-basic.zip');
    const first = await importPackageFile(path, store);
    const second = await importPackageFile(path, store);
    expect(second).toEqual(first);
    expect(readdirSync(store)).toEqual([first.id]);
    expect(readdirSync(join(store, first.id))).toContain(PACKAGE_FILE);
  });

  it('lets two concurrent imports of one file end with one package', async () => {
    const path = join(FIXTURES, 'golf2004-2nd-singlesco.zip');
    const [a, b] = await Promise.all([importPackageFile(path, store), importPackageFile(path, store)]);
    expect(a.id).toBe(b.id);
    expect(readdirSync(store)).toEqual([a.id]);
  });

  it('reads nothing for an unknown or malformed id', () => {
    expect(readImportedPackage(store, 'pkg-0000000000000000')).toBeNull();
    expect(readImportedPackage(store, '../etc')).toBeNull();
  });

  it('names the folder when the manifest is only inside one', async () => {
    const zip = buildZip([
      { name: 'course/' },
      { name: 'course/imsmanifest.xml', data: manifest12(['index.html']) },
      { name: 'course/index.html', data: 'x' },
    ]);
    const error = await refused(zipFile(zip), 'no-manifest');
    expect(error.params).toEqual({ folder: 'course' });
    expect(error.messageKey).toBe('scorm.reject.no-manifest.folder');
  });
});

describe('importPackageFile: unsafe or broken archives leave nothing behind', () => {
  const ok = (extra: RawEntry[]) =>
    buildZip([
      { name: 'imsmanifest.xml', data: manifest12(['index.html']) },
      { name: 'index.html', data: 'x' },
      ...extra,
    ]);

  it('refuses a text file renamed .zip', async () => {
    await refused(zipFile('this is not a zip at all\n'), 'not-zip');
  });

  it('refuses an empty file', async () => {
    await refused(zipFile(Buffer.alloc(0)), 'not-zip');
  });

  it('refuses path traversal with ../', async () => {
    const error = await refused(zipFile(ok([{ name: '../evil.txt', data: 'x' }])), 'path-escape');
    expect(error.params).toEqual({ path: '../evil.txt' });
    expect(existsSync(join(dir, 'evil.txt'))).toBe(false);
  });

  it('refuses a .. in the middle of a path', async () => {
    await refused(zipFile(ok([{ name: 'a/../../evil.txt', data: 'x' }])), 'path-escape');
  });

  it('refuses an absolute path', async () => {
    await refused(zipFile(ok([{ name: '/tmp/evil.txt', data: 'x' }])), 'path-escape');
  });

  it('refuses a backslash path', async () => {
    const error = await refused(zipFile(ok([{ name: '..\\evil.txt', data: 'x' }])), 'path-escape');
    expect(error.params).toEqual({ path: '..\\evil.txt' });
  });

  it('refuses a drive letter', async () => {
    await refused(zipFile(ok([{ name: 'C:/evil.txt', data: 'x' }])), 'path-escape');
  });

  it('refuses a NUL in a name', async () => {
    await refused(zipFile(ok([{ name: 'index.html\0.txt', data: 'x' }])), 'path-escape');
  });

  it('refuses a symlink entry', async () => {
    const error = await refused(zipFile(ok([{ name: 'link', data: '/etc/passwd', unixMode: 0o120777 }])), 'symlink');
    expect(error.params).toEqual({ path: 'link' });
  });

  it('refuses an encrypted entry', async () => {
    await refused(zipFile(ok([{ name: 'secret.html', data: 'x', flags: 0x801 }])), 'encrypted');
  });

  it('refuses an unknown compression method', async () => {
    const error = await refused(zipFile(ok([{ name: 'big.bin', data: 'x', method: 9 }])), 'unsupported-compression');
    expect(error.params).toEqual({ path: 'big.bin', method: 9 });
  });

  it('refuses the same path twice, also when only the letter case differs', async () => {
    await refused(zipFile(ok([{ name: 'index.html', data: 'y' }])), 'duplicate-path');
    const error = await refused(zipFile(ok([{ name: 'INDEX.html', data: 'y' }]), 'case.zip'), 'duplicate-path');
    expect(error.params).toEqual({ path: 'INDEX.html', other: 'index.html' });
  });

  it('refuses a file where a folder is (and the reverse)', async () => {
    await refused(zipFile(ok([{ name: 'index.html/x.js', data: 'y' }])), 'duplicate-path');
  });

  it('refuses a zip bomb: 200 MB of zeros in 200 KB, stopped after a few MB', async () => {
    const zeros = await deflatedZeros(200);
    expect(zeros.compressed.length).toBeLessThan(300_000);
    const bomb = ok([{ name: 'zeros.bin', compressed: zeros.compressed, crc: zeros.crc, size: zeros.size }]);
    const error = await refused(zipFile(bomb), 'compression-ratio');
    expect(error.params['path']).toBe('zeros.bin');
    expect(error.params['limit']).toBe(100);
  });

  it('refuses many small compressible files by the whole-archive ratio', async () => {
    const files = Array.from({ length: 20 }, (_, i) => ({ name: `f${i}.txt`, data: new Uint8Array(64 * 1024) }));
    await refused(zipFile(ok(files)), 'compression-ratio', { ratioCheckTotalBytes: 512 * 1024, maxTotalRatio: 50 });
  });

  it('refuses a package larger than the limit, counting the inflated bytes', async () => {
    const files = Array.from({ length: 4 }, (_, i) => ({ name: `f${i}.bin`, data: new Uint8Array(100_000).fill(i) }));
    const error = await refused(zipFile(ok(files)), 'too-large', { maxTotalBytes: 300_000 });
    expect(error.params).toEqual({ limitMb: 0 });
  });

  it('refuses a file larger than the single-file limit', async () => {
    const big = ok([{ name: 'big.bin', data: new Uint8Array(200_000) }]);
    await refused(zipFile(big), 'file-too-large', { maxFileBytes: 100_000 });
  });

  it('counts the real bytes when the declared size lies low', async () => {
    // Declares 10 bytes, inflates to 200 000: yauzl stops it as soon as the lie shows.
    const liar = ok([{ name: 'liar.bin', data: new Uint8Array(200_000), size: 10 }]);
    const error = await refused(zipFile(liar), 'corrupt-zip');
    expect(error.params).toEqual({ path: 'liar.bin' });
  });

  it('refuses data whose CRC does not match', async () => {
    await refused(zipFile(ok([{ name: 'bad.html', data: 'hello', crc: 12345 }])), 'corrupt-zip');
  });

  it('refuses too many files', async () => {
    const files = Array.from({ length: 10 }, (_, i) => ({ name: `f${i}.html`, data: 'x' }));
    const error = await refused(zipFile(ok(files)), 'too-many-files', { maxFiles: 5 });
    expect(error.params).toEqual({ limit: 5 });
  });

  it('refuses a manifest with a DOCTYPE and entities (billion laughs)', async () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<manifest identifier="x"><title>&lol2;</title></manifest>`;
    const error = await refused(zipFile(packageZip(laughs, ['index.html'])), 'doctype');
    expect(error.params).toEqual({ line: 2 });
  });

  it('refuses a manifest with an external entity (XXE)', async () => {
    const xxe = manifest12(['index.html']).replace(
      '<manifest',
      '<!DOCTYPE manifest [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<manifest',
    );
    await refused(zipFile(packageZip(xxe, ['index.html'])), 'doctype');
  });

  it('refuses a default organisation that does not exist', async () => {
    const manifest = manifest12(['index.html']).replace('default="org"', 'default="elsewhere"');
    const error = await refused(zipFile(packageZip(manifest, ['index.html'])), 'default-organisation-missing');
    expect(error.params).toEqual({ id: 'elsewhere' });
  });

  it('refuses a launch file that is not in the package', async () => {
    const error = await refused(zipFile(packageZip(manifest12(['missing.html']), ['index.html'])), 'launch-missing');
    expect(error.params).toEqual({ item: 'item_1', path: 'missing.html' });
  });

  it('refuses a launch path that leaves the package', async () => {
    const error = await refused(zipFile(packageZip(manifest12(['../outside.html']), ['index.html'])), 'path-escape');
    expect(error.params).toEqual({ path: '../outside.html' });
  });
});
