import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { APIRoute } from 'astro';
import { courseAssetFile } from '../../../../lib/courses/assets.ts';
import { env } from '../../../../lib/env/index.ts';

/** Pictures, video and captions of a course's lessons (public, like the course page). */
export const GET: APIRoute = ({ params, locals }) => {
  const found = courseAssetFile(env().COURSES_DIR, params.slug ?? '', params.path ?? '');
  if (!found) return new Response(locals.t('error.notFound.title'), { status: 404 });
  const body = Readable.toWeb(createReadStream(found.file)) as ReadableStream;
  return new Response(body, {
    headers: {
      'Content-Type': found.type,
      'Content-Length': String(found.size),
      'Cache-Control': 'public, max-age=3600',
      // An SVG opened directly must not run scripts.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
};
