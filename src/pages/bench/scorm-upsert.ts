import type { APIRoute } from 'astro';
import { sql } from 'drizzle-orm';
import { getDb } from '../../lib/db.ts';

/**
 * The SCORM commit benchmark's baseline: the same JSON body as POST /api/scorm/commit, written
 * to the same scorm_sco_states row with one upsert, and nothing else: no session, no attempt or
 * token check, no launch/sequence rule, no CMI validation, no summary or roll-up. What the real
 * endpoint costs above this is the price of its checks.
 *
 * Like /bench/answer it answers only a request carrying the random token the benchmark gave the
 * server it started (BENCH_TOKEN, at least 32 characters): a deployment never sets one.
 */
export const POST: APIRoute = async ({ request }) => {
  const token = process.env['BENCH_TOKEN'] ?? '';
  if (token.length < 32 || request.headers.get('x-bench-token') !== token) {
    return new Response('Not found', { status: 404 });
  }
  const body = JSON.parse(await request.text()) as { attempt: number; item: string; seq: number; cmi: unknown };
  const db = await getDb();
  await db.run(
    sql`insert into scorm_sco_states (attempt_id, item_id, seq, cmi, updated_at)
      values (${body.attempt}, ${body.item}, ${body.seq}, ${JSON.stringify(body.cmi)}, ${Math.floor(Date.now() / 1000)})
      on conflict (attempt_id, item_id) do update set cmi = excluded.cmi, seq = excluded.seq, updated_at = excluded.updated_at`,
  );
  // The same kind of answer as the real endpoint's, so that both cost the client the same.
  return new Response('{"ok":true,"status":"stored"}', {
    status: 200,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
};
