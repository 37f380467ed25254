import type { APIRoute } from 'astro';
import { requireRole } from '../../../../../lib/auth/guards.ts';
import { sessionSheet } from '../../../../../lib/cohorts/session-documents.ts';
import { renderSignInSheet } from '../../../../../lib/cohorts/sign-in-sheet.ts';
import { AppError } from '../../../../../lib/errors.ts';

/** The printable sign-in sheet of a session (its trainers and admins only). */
export const GET: APIRoute = async ({ params, locals }) => {
  const me = requireRole(locals.user, 'trainer', 'admin');
  try {
    const sheet = await sessionSheet(me, Number(params.id), Number(params.session));
    const pdf = await renderSignInSheet(sheet);
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="attendance-${Number(params.session)}.pdf"`,
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    if (error instanceof AppError) return new Response('Not found', { status: 404 });
    throw error;
  }
};
