import type { APIRoute } from 'astro';
import { sql } from 'drizzle-orm';
import { getDb } from '../../lib/db.ts';

/**
 * The quiz benchmark's baseline: a bare endpoint that upserts the same answer row as a real
 * answer-save, with no session, no ownership check and no validation. It answers only a request
 * carrying the random token the benchmark gave the server it started (BENCH_TOKEN, at least 32
 * characters): a deployment never sets one, and a leaked BENCH_BASELINE alone opens nothing.
 */
export const POST: APIRoute = async ({ request }) => {
  const token = process.env['BENCH_TOKEN'] ?? '';
  if (token.length < 32 || request.headers.get('x-bench-token') !== token) {
    return new Response('Not found', { status: 404 });
  }
  const form = await request.formData();
  const db = await getDb();
  await db.run(
    sql`insert into quiz_answers (attempt_id, question_id, response, saved_at) values (${Number(form.get('attempt'))}, ${String(form.get('question'))}, ${String(form.get('response'))}, ${Date.now()})
      on conflict (attempt_id, question_id) do update set response = excluded.response, saved_at = excluded.saved_at`,
  );
  return new Response(null, { status: 303, headers: { Location: '/bench/baseline' } });
};
