import type { APIRoute } from 'astro';
import { requireUser } from '../../../lib/auth/guards.ts';
import { getEnrolment } from '../../../lib/courses/learning.ts';
import { activitiesOf } from '../../../lib/courses/completion.ts';

/** "Continue": the activity the learner was last on, else the next one to do, else the first. */
export const GET: APIRoute = async ({ params, locals, redirect }) => {
  const me = requireUser(locals.user);
  const slug = params.slug ?? '';
  const enrolment = await getEnrolment(me.id, slug);
  if (!enrolment) return redirect(`/courses/${encodeURIComponent(slug)}`, 303);
  const all = activitiesOf(enrolment.definition);
  const target = all.find((a) => a.id === enrolment.lastActivityId) ?? enrolment.progress.next ?? all[0];
  return redirect(`/learn/${slug}/${target?.id ?? ''}`, 303);
};
