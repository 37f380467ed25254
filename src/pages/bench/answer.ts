import type { APIRoute } from 'astro';
import { sql } from 'drizzle-orm';
import { getDb } from '../../lib/db.ts';

/**
 * The quiz benchmark's baseline: a bare endpoint that upserts the same answer row as a real
 * answer-save, with no session, no ownership check and no validation. It exists only when the
 * server runs with BENCH_BASELINE=1 (as `npm run bench` starts it); otherwise it is a 404.
 */
export const POST: APIRoute = async ({ request }) => {
  if (process.env['BENCH_BASELINE'] !== '1') return new Response('Not found', { status: 404 });
  const form = await request.formData();
  const db = await getDb();
  await db.run(
    sql`insert into quiz_answers (attempt_id, question_id, response, saved_at) values (${Number(form.get('attempt'))}, ${String(form.get('question'))}, ${String(form.get('response'))}, ${Date.now()})
      on conflict (attempt_id, question_id) do update set response = excluded.response, saved_at = excluded.saved_at`,
  );
  return new Response(null, { status: 303, headers: { Location: '/bench/baseline' } });
};
