import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { buildScormModule, manifestReferences } from '../../scripts/build-scorm-module.ts';
import { TEST_DATA_DIR } from '../setup/paths.ts';

const SOURCE = 'courses/common-core/scorm-src';

mkdirSync(TEST_DATA_DIR, { recursive: true });
const tmp = mkdtempSync(join(TEST_DATA_DIR, 'scorm-'));

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('the culture-check SCORM module', () => {
  it('builds a SCORM 1.2 zip with the manifest at the root and every resource file in it', () => {
    const outFile = join(tmp, 'culture-check.zip');
    const result = buildScormModule(SOURCE, outFile);
    expect(result.bytes).toBeGreaterThan(0);

    const entries = unzipSync(new Uint8Array(readFileSync(outFile)));
    const names = Object.keys(entries);
    expect(names).toContain('imsmanifest.xml');
    expect(names.filter((n) => n.endsWith('imsmanifest.xml'))).toEqual(['imsmanifest.xml']);
    expect(names).toEqual([...names].sort());

    const manifest = strFromU8(entries['imsmanifest.xml'] ?? new Uint8Array());
    expect(manifest).toMatch(/<schemaversion>\s*1\.2\s*<\/schemaversion>/);
    expect(manifest).toMatch(/<adlcp:masteryscore>\s*80\s*<\/adlcp:masteryscore>/);
    expect(manifest).toContain('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"');
    expect(manifest).toContain('xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"');
    expect(manifest).toMatch(/<item\s[^>]*identifier="culture-check"/);
    expect(manifest).toMatch(/<resource\s[^>]*adlcp:scormtype="sco"[^>]*href="index.html"/);

    const referenced = manifestReferences(manifest);
    expect(referenced).toEqual(expect.arrayContaining(['index.html', 'check.js', 'style.css']));
    for (const file of referenced) {
      expect(entries[file], file).toBeDefined();
      expect(Buffer.from(entries[file] ?? []).equals(readFileSync(join(SOURCE, file))), file).toBe(true);
    }
    // Nothing is loaded from the web: no CDN scripts, styles or fonts.
    for (const file of ['index.html', 'check.js', 'style.css']) {
      expect(strFromU8(entries[file] ?? new Uint8Array()), file).not.toMatch(
        /https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}\//i,
      );
    }
  });

  it('gives byte-identical zips for the same sources', () => {
    const a = buildScormModule(SOURCE, join(tmp, 'a.zip'));
    const b = buildScormModule(SOURCE, join(tmp, 'b.zip'));
    expect(a.bytes).toBe(b.bytes);
    expect(readFileSync(a.outFile).equals(readFileSync(b.outFile))).toBe(true);
  });

  it('refuses a source folder with a file the manifest does not list', () => {
    const src = join(tmp, 'src-extra');
    cpSync(SOURCE, src, { recursive: true });
    writeFileSync(join(src, 'notes.txt'), 'not part of the package\n');
    const outFile = join(tmp, 'extra.zip');
    expect(() => buildScormModule(src, outFile)).toThrow(/not listed in imsmanifest\.xml: notes\.txt/);
    expect(existsSync(outFile)).toBe(false);
  });

  it('refuses a manifest that lists a file the folder does not have', () => {
    const src = join(tmp, 'src-missing');
    cpSync(SOURCE, src, { recursive: true });
    rmSync(join(src, 'style.css'));
    const outFile = join(tmp, 'missing.zip');
    expect(() => buildScormModule(src, outFile)).toThrow(/missing from the folder: style\.css/);
    expect(existsSync(outFile)).toBe(false);
  });

  it('is committed up to date: rebuilding from scorm-src gives the zip in the course folder', () => {
    const outFile = join(tmp, 'committed-check.zip');
    buildScormModule(SOURCE, outFile);
    expect(readFileSync(outFile).equals(readFileSync('courses/common-core/scorm/culture-check.zip'))).toBe(true);
  });
});
