import type { APIRoute } from 'astro';
import { requireRole } from '../../../../../lib/auth/guards.ts';
import { calendarFile } from '../../../../../lib/cohorts/calendar.ts';
import { sessionEvent, sessionSheet } from '../../../../../lib/cohorts/session-documents.ts';
import { requireManagedSession } from '../../../../../lib/cohorts/sessions.ts';
import { AppError } from '../../../../../lib/errors.ts';
import { icsResponse } from '../../../../../server/calendar.ts';

/** A session as an .ics file, for its trainers. */
export const GET: APIRoute = async ({ params, locals }) => {
  const me = requireRole(locals.user, 'trainer', 'admin');
  try {
    const session = await requireManagedSession(me, Number(params.session));
    const sheet = await sessionSheet(me, Number(params.id), session.id);
    const title = sheet.courseTitle[locals.locale];
    return icsResponse(
      `session-${session.id}.ics`,
      calendarFile(title, [sessionEvent(session, title, sheet.cohortName)]),
    );
  } catch (error) {
    if (error instanceof AppError) return new Response('Not found', { status: 404 });
    throw error;
  }
};
