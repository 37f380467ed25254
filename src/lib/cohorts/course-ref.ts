import { getPublishedCourse, type PublishedCourse } from '../courses/learning.ts';
import { AppError } from '../errors.ts';

/** The published course a cohort is for (cohorts of drafts or invalid courses are refused). */
export async function getCourseForCohort(slug: string): Promise<PublishedCourse> {
  const course = await getPublishedCourse(slug);
  if (!course) throw new AppError('BAD_REQUEST', 'error.course.notFound', { field: 'courseSlug' });
  return course;
}
