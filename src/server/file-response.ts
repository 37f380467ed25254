import { createReadStream, type Stats } from 'node:fs';
import { Readable } from 'node:stream';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  xhtml: 'application/xhtml+xml',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  xml: 'application/xml',
  xsd: 'application/xml',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  vtt: 'text/vtt; charset=utf-8',
  srt: 'text/plain; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  ico: 'image/x-icon',
  bmp: 'image/bmp',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  oga: 'audio/ogg',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  ogv: 'video/ogg',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  eot: 'application/vnd.ms-fontobject',
  pdf: 'application/pdf',
  swf: 'application/x-shockwave-flash',
  wasm: 'application/wasm',
};

/** The Content-Type of a file by its extension (octet-stream when unknown, never sniffed). */
export function contentTypeOf(path: string): string {
  return TYPES[path.split('.').at(-1)?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

/**
 * The byte range a `Range` header asks for (one range; `bytes=a-b`, `bytes=a-`, `bytes=-n`),
 * null for no/unsupported header (the whole file is sent), or 'unsatisfiable'.
 */
export function parseRange(
  header: string | null,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/**
 * A file as an HTTP response with range requests (media seeking), a validator (ETag from size
 * and modification time; conditional requests get 304) and the given cache and extra headers.
 */
export function fileResponse(request: Request, file: string, stats: Stats, headers: Record<string, string>): Response {
  const etag = `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  const common: Record<string, string> = {
    'Content-Type': contentTypeOf(file),
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Last-Modified': stats.mtime.toUTCString(),
    ...headers,
  };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: common });
  const range = parseRange(request.headers.get('range'), stats.size);
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...common, 'Content-Range': `bytes */${stats.size}` } });
  }
  const head = request.method === 'HEAD';
  if (range) {
    const length = range.end - range.start + 1;
    const body = head
      ? null
      : (Readable.toWeb(createReadStream(file, { start: range.start, end: range.end })) as ReadableStream);
    return new Response(body, {
      status: 206,
      headers: {
        ...common,
        'Content-Length': String(length),
        'Content-Range': `bytes ${range.start}-${range.end}/${stats.size}`,
      },
    });
  }
  const body = head ? null : (Readable.toWeb(createReadStream(file)) as ReadableStream);
  return new Response(body, { headers: { ...common, 'Content-Length': String(stats.size) } });
}
