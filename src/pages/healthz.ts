import type { APIRoute } from 'astro';
import { sql } from 'drizzle-orm';
import { getDb } from '../lib/db.ts';

/** Liveness and readiness: 200 when the database answers a query, 503 when it does not. */
export const GET: APIRoute = async () => {
  try {
    const db = await getDb();
    await db.run(sql`SELECT count(*) FROM __drizzle_migrations`);
    return Response.json({ status: 'ok', database: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    console.error('[healthz] database check failed:', error);
    return Response.json(
      { status: 'error', database: 'unreachable' },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
};
