import type { APIRoute } from 'astro';
import { requireUser } from '../../../lib/auth/guards.ts';
import { calendarFile } from '../../../lib/cohorts/calendar.ts';
import { learnerSession, sessionEvent } from '../../../lib/cohorts/session-documents.ts';
import { definitionOf } from '../../../lib/courses/versions.ts';
import { AppError } from '../../../lib/errors.ts';
import { icsResponse } from '../../../server/calendar.ts';

/** One of the learner's sessions as an .ics file, to add to their calendar. */
export const GET: APIRoute = async ({ params, locals }) => {
  const me = requireUser(locals.user);
  try {
    const found = await learnerSession(me.id, Number(params.session));
    const definition = found.courseVersionId ? await definitionOf(found.courseVersionId) : null;
    const title = definition?.title[locals.locale] ?? found.courseSlug;
    return icsResponse(
      `session-${found.session.id}.ics`,
      calendarFile(title, [sessionEvent(found.session, title, found.cohortName)]),
    );
  } catch (error) {
    if (error instanceof AppError) return new Response('Not found', { status: 404 });
    throw error;
  }
};
