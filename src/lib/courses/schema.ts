import { z } from 'zod';
import { INDICATORS, SECTORS } from '../reference/index.ts';

/**
 * The format of `courses/<slug>/course.yaml`. Every text a learner reads exists in Latvian and
 * English; lessons are Markdown files `lv/<file>` and `en/<file>` beside course.yaml.
 */
const text = z.object({ lv: z.string().trim().min(1), en: z.string().trim().min(1) }).strict();

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens');
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens');

const base = {
  id,
  title: text,
  /** Counts toward course completion (the course's rules). */
  required: z.boolean().default(true),
  /** Estimated study time, for the outline. */
  minutes: z.number().int().positive().max(600).optional(),
};

export const ACTIVITY_KINDS = ['lesson', 'scorm', 'quiz', 'survey', 'session'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

const lesson = z
  .object({ ...base, kind: z.literal('lesson'), file: z.string().regex(/^[\w-]+\.md$/, 'a .md file name') })
  .strict();
const scorm = z
  .object({
    ...base,
    kind: z.literal('scorm'),
    package: z.string().regex(/^[\w/-]+\.zip$/, 'a .zip path in the course folder'),
    /** How many attempts a learner may make in all; no limit when absent. */
    attempts: z.number().int().min(1).max(99).optional(),
    /**
     * When a finished attempt may be followed by a new one: `always` (the default), or
     * `until-passed` — only while the activity is not complete (a failed score).
     */
    retake: z.enum(['always', 'until-passed']).optional(),
  })
  .strict();
const quiz = z
  .object({
    ...base,
    kind: z.literal('quiz'),
    role: z.enum(['pre-test', 'post-test', 'practice', 'graded']),
    /** The quiz definition in the course's question banks (built by the quiz capability). */
    quiz: id,
  })
  .strict();
const survey = z.object({ ...base, kind: z.literal('survey'), survey: id }).strict();
const session = z.object({ ...base, kind: z.literal('session'), description: text.optional() }).strict();

export const activitySchema = z.discriminatedUnion('kind', [lesson, scorm, quiz, survey, session]);
export type Activity = z.infer<typeof activitySchema>;

export const moduleSchema = z.object({ id, title: text, activities: z.array(activitySchema).min(1) }).strict();

export const glossaryTermSchema = z.object({ id, term: text, definition: text }).strict();

export const courseSchema = z
  .object({
    slug,
    /** Bump when the structure (activities, rules) changes; text edits keep the version. */
    version: z.number().int().positive(),
    status: z.enum(['published', 'draft']),
    title: text,
    summary: text,
    description: text,
    sectors: z.array(z.enum(SECTORS)).min(1),
    hours: z.number().positive().max(200),
    selfEnrolment: z.boolean().default(true),
    certificate: z
      .object({
        template: z.string().min(1),
        statement: text,
        /** Certificates of this course expire after this many years (none if absent). */
        validYears: z.number().int().positive().max(20).optional(),
      })
      .strict(),
    completion: z
      .object({
        /** Minimum share of in-person sessions attended, when the course has sessions. */
        minAttendancePercent: z.number().int().min(0).max(100).optional(),
      })
      .strict()
      .default({}),
    glossary: z.array(glossaryTermSchema).default([]),
    modules: z.array(moduleSchema).min(1),
    references: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .superRefine((course, ctx) => {
    const seen = new Set<string>();
    course.modules.forEach((m, mi) =>
      m.activities.forEach((a, ai) => {
        if (seen.has(a.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['modules', mi, 'activities', ai, 'id'],
            message: `duplicate activity id "${a.id}"`,
          });
        }
        seen.add(a.id);
      }),
    );
    const terms = new Set<string>();
    course.glossary.forEach((g, gi) => {
      if (terms.has(g.id))
        ctx.addIssue({ code: 'custom', path: ['glossary', gi, 'id'], message: `duplicate term "${g.id}"` });
      terms.add(g.id);
    });
  });

export type CourseDefinition = z.infer<typeof courseSchema>;
export type Module = z.infer<typeof moduleSchema>;
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;

export const projectSchema = z
  .object({
    name: text,
    fundingProgramme: text,
    fund: text,
    budgetEur: z.number().positive(),
    period: z.object({ start: z.iso.date(), end: z.iso.date() }).strict(),
    /** Editable defaults: the programme gives funding figures, not participant targets. */
    targetsAreEditableDefaults: z.literal(true),
    targets: z
      .array(
        z
          .object({
            indicator: z.enum(INDICATORS),
            sector: z.enum([...SECTORS, 'all']),
            value: z.number().nonnegative(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type ProjectFacts = z.infer<typeof projectSchema>;
