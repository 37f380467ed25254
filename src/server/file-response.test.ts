import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentTypeOf, fileResponse, parseRange } from './file-response.ts';

describe('byte ranges', () => {
  it.each([
    [null, null],
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=900-5000', { start: 900, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=5-4', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=0-1,5-6', null],
    ['items=0-1', null],
  ])('%s of 1000 bytes → %j', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('file responses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tilts-file-'));
  const file = join(dir, 'clip.mp4');
  writeFileSync(file, Buffer.from('0123456789'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const get = (headers: Record<string, string> = {}, method = 'GET') =>
    fileResponse(new Request('http://x/clip.mp4', { headers, method }), file, statSync(file), {
      'Cache-Control': 'private',
    });

  it('sends the whole file with its type, length, validator and the given headers', async () => {
    const response = get();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-length')).toBe('10');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('cache-control')).toBe('private');
    expect(await response.text()).toBe('0123456789');
  });

  it('answers a range with 206 and only those bytes (media seeking)', async () => {
    const response = get({ Range: 'bytes=2-5' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await response.text()).toBe('2345');
  });

  it('refuses an impossible range with 416, and a matching validator gets 304', () => {
    expect(get({ Range: 'bytes=20-' }).status).toBe(416);
    const etag = get().headers.get('etag') ?? '';
    expect(get({ 'If-None-Match': etag }).status).toBe(304);
  });

  it('answers HEAD without a body', async () => {
    const response = get({}, 'HEAD');
    expect(response.headers.get('content-length')).toBe('10');
    expect(await response.text()).toBe('');
  });

  it('names the types SCORM content uses and never guesses the others', () => {
    expect(contentTypeOf('story.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a/b/player.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('captions.vtt')).toBe('text/vtt; charset=utf-8');
    expect(contentTypeOf('font.woff2')).toBe('font/woff2');
    expect(contentTypeOf('data.bin')).toBe('application/octet-stream');
  });
});
