import type { APIRoute } from 'astro';
import { calendarFile } from '../../lib/cohorts/calendar.ts';
import { feedOwner } from '../../lib/cohorts/calendar-feed.ts';
import { sessionEvent, sessionsOfLearner } from '../../lib/cohorts/session-documents.ts';
import { definitionsOf } from '../../lib/courses/versions.ts';
import { translator } from '../../lib/i18n/translate.ts';
import { icsResponse } from '../../server/calendar.ts';

/** A learner's personal feed of their sessions, for calendar apps (the token is the credential). */
export const GET: APIRoute = async ({ params }) => {
  const owner = await feedOwner((params.token ?? '').replace(/\.ics$/, ''));
  if (!owner) return new Response('Not found', { status: 404 });
  const sessions = await sessionsOfLearner(owner.id);
  const definitions = await definitionsOf(sessions.flatMap((s) => (s.courseVersionId ? [s.courseVersionId] : [])));
  const events = sessions.map((s) => {
    const title = (s.courseVersionId && definitions.get(s.courseVersionId)?.title[owner.locale]) || s.courseSlug;
    return sessionEvent(s.session, title, s.cohortName);
  });
  return icsResponse('tilts.ics', calendarFile(translator(owner.locale)('learning.sessions'), events));
};
