import type { APIRoute } from 'astro';
import { audit } from '../../lib/audit/index.ts';
import { requireUser } from '../../lib/auth/guards.ts';
import { exportPersonalData } from '../../lib/users/privacy.ts';

/** The logged-in person's own data as a JSON download (never anyone else's: no id is taken). */
export const GET: APIRoute = async ({ locals }) => {
  const me = requireUser(locals.user);
  const data = await exportPersonalData(me.id);
  await audit({ action: 'data_exported', actorUserId: me.id, targetUserId: me.id, ip: locals.clientIp });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="tilts-my-data-${new Date().toISOString().slice(0, 10)}.json"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
