import { z } from 'zod';
import { REGIONS } from '../reference/index.ts';

const isoDate = z.iso.date({ error: 'error.cohort.date' });
/** An optional form field: an empty (or absent) input means none. */
const blankIsNull = (v: unknown) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v);

/** A cohort as a trainer creates or edits it (zod at the boundary; messages are catalogue keys). */
export const cohortInputSchema = z
  .object({
    courseSlug: z.string().trim().min(1, { error: 'error.required' }),
    name: z.string().trim().min(3, { error: 'error.cohort.name' }).max(120, { error: 'error.cohort.name' }),
    mode: z.enum(['online', 'in_person', 'blended'], { error: 'error.cohort.mode' }),
    region: z.preprocess(blankIsNull, z.enum(REGIONS, { error: 'error.cohort.region' }).nullable()),
    venue: z.preprocess(blankIsNull, z.string().trim().max(300).nullable()),
    startsOn: isoDate,
    endsOn: isoDate,
    capacity: z.coerce
      .number({ error: 'error.cohort.capacity' })
      .int({ error: 'error.cohort.capacity' })
      .min(1, { error: 'error.cohort.capacity' })
      .max(1000, { error: 'error.cohort.capacity' }),
  })
  .superRefine((c, ctx) => {
    if (c.endsOn < c.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'error.cohort.endsBeforeStart' });
    if (c.mode !== 'online' && !c.region)
      ctx.addIssue({ code: 'custom', path: ['region'], message: 'error.cohort.region' });
  });
export type CohortInput = z.infer<typeof cohortInputSchema>;

/** A session as a trainer schedules it: a Riga date and time, a duration, a place or a link. */
export const sessionInputSchema = z.object({
  title: z.preprocess(blankIsNull, z.string().trim().max(200).nullable()),
  date: isoDate,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'error.cohort.time' }),
  durationMinutes: z.coerce
    .number({ error: 'error.cohort.duration' })
    .int({ error: 'error.cohort.duration' })
    .min(15, { error: 'error.cohort.duration' })
    .max(600, { error: 'error.cohort.duration' }),
  venue: z.preprocess(blankIsNull, z.string().trim().max(300).nullable()),
  meetingUrl: z.preprocess(
    blankIsNull,
    z
      .url({ protocol: /^https$/, error: 'error.cohort.meetingUrl' })
      .max(500, { error: 'error.cohort.meetingUrl' })
      .nullable(),
  ),
  activityId: z.preprocess(blankIsNull, z.string().max(80).nullable()),
});
export type SessionInput = z.infer<typeof sessionInputSchema>;

export const ATTENDANCE_STATUSES = ['present', 'late', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
