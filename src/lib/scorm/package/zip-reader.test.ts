import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildZip } from './test-zips.ts';
import { extractZip } from './zip-reader.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tilts-zip-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function zipAt(zip: Buffer): string {
  const path = join(dir, 'a.zip');
  writeFileSync(path, zip);
  return path;
}

describe('extractZip', () => {
  it('writes files and folders, counting the inflated bytes', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    const result = await extractZip(
      zipAt(
        buildZip([
          { name: 'docs/' },
          { name: 'docs/' },
          { name: 'docs/a.txt', data: 'hello' },
          { name: './b/c/d.txt', data: 'world!', method: 0 },
          { name: 'empty/' },
          { name: 'ā ü.html', data: 'unicode' },
        ]),
      ),
      out,
    );
    expect(result).toEqual({ files: ['docs/a.txt', 'b/c/d.txt', 'ā ü.html'], bytes: 18 });
    expect(readFileSync(join(out, 'docs/a.txt'), 'utf8')).toBe('hello');
    expect(readFileSync(join(out, 'b/c/d.txt'), 'utf8')).toBe('world!');
    expect(readdirSync(join(out, 'empty'))).toEqual([]);
  });

  it('allows the same name in different folders', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    const result = await extractZip(
      zipAt(
        buildZip([
          { name: 'a/index.html', data: '1' },
          { name: 'b/index.html', data: '2' },
        ]),
      ),
      out,
    );
    expect(result.files).toEqual(['a/index.html', 'b/index.html']);
  });
});
