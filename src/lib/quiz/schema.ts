import { z } from 'zod';

/**
 * The format of a course's question banks (`courses/<slug>/questions/*.yaml`, each a list of
 * questions) and quiz definitions (`courses/<slug>/quizzes.yaml`). Every text a learner reads
 * exists in Latvian and English. Ids are stable: attempts, statistics and imports refer to them.
 */
export const bilingual = z.object({ lv: z.string().trim().min(1), en: z.string().trim().min(1) }).strict();
export type Bilingual = z.infer<typeof bilingual>;

export const questionId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens')
  .max(80);
const partId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens')
  .max(40);

const image = z
  .object({
    /** A file in the course folder, e.g. images/queue.svg. */
    file: z.string().regex(/^[\w/.-]+\.(png|jpe?g|svg|webp|gif)$/i, 'an image path in the course folder'),
    alt: bilingual,
  })
  .strict();

/** What every question has. `points` weighs it in the quiz total; feedback is shown in review. */
const common = {
  id: questionId,
  category: questionId,
  text: bilingual,
  points: z.number().positive().max(100).default(1),
  feedback: bilingual.optional(),
  image: image.optional(),
};

const option = z
  .object({ id: partId, text: bilingual, correct: z.boolean().default(false), feedback: bilingual.optional() })
  .strict();

const unique = <T extends { id: string }>(items: T[], ctx: z.RefinementCtx, path: string | null) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) {
      const at = path === null ? [i, 'id'] : [path, i, 'id'];
      ctx.addIssue({ code: 'custom', path: at, message: `duplicate id "${item.id}"` });
    }
    seen.add(item.id);
  });
};

export const singleChoice = z
  .object({ ...common, type: z.literal('single'), options: z.array(option).min(2).max(12) })
  .strict()
  .superRefine((q, ctx) => {
    unique(q.options, ctx, 'options');
    if (q.options.filter((o) => o.correct).length !== 1)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'exactly one option must be correct' });
  });

/** Partial credit: each correct option chosen earns 1/(correct options), each wrong one costs 1/(wrong options), never below 0. */
export const multipleResponse = z
  .object({ ...common, type: z.literal('multiple'), options: z.array(option).min(2).max(12) })
  .strict()
  .superRefine((q, ctx) => {
    unique(q.options, ctx, 'options');
    if (!q.options.some((o) => o.correct))
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'at least one option must be correct' });
  });

export const trueFalse = z
  .object({
    ...common,
    type: z.literal('true-false'),
    answer: z.boolean(),
    feedbackTrue: bilingual.optional(),
    feedbackFalse: bilingual.optional(),
  })
  .strict();

/** Each prompt has one right answer; `distractors` are extra answers that match nothing. Credit per right pair. */
export const matching = z
  .object({
    ...common,
    type: z.literal('matching'),
    pairs: z
      .array(z.object({ id: partId, prompt: bilingual, answer: bilingual }).strict())
      .min(2)
      .max(12),
    distractors: z
      .array(z.object({ id: partId, text: bilingual }).strict())
      .max(6)
      .default([]),
  })
  .strict()
  .superRefine((q, ctx) => {
    unique([...q.pairs, ...q.distractors], ctx, 'pairs');
    // Two answers reading the same would look alike in the list but score differently.
    for (const locale of ['lv', 'en'] as const) {
      const texts = [...q.pairs.map((p) => p.answer[locale]), ...q.distractors.map((d) => d.text[locale])];
      if (new Set(texts.map((t) => t.trim().toLowerCase())).size !== texts.length) {
        ctx.addIssue({ code: 'custom', path: ['pairs'], message: `two answers read the same in ${locale}` });
      }
    }
  });

/** Items listed in the right order; credit per item in its right place. */
export const ordering = z
  .object({
    ...common,
    type: z.literal('ordering'),
    items: z
      .array(z.object({ id: partId, text: bilingual }).strict())
      .min(2)
      .max(12),
  })
  .strict()
  .superRefine((q, ctx) => unique(q.items, ctx, 'items'));

export const numeric = z
  .object({
    ...common,
    type: z.literal('numeric'),
    answer: z.number(),
    /** Accepted: answer ± tolerance (absolute). */
    tolerance: z.number().nonnegative().default(0),
    unit: bilingual.optional(),
  })
  .strict();

/** Accepted answers per language; case is always ignored, diacritics when `ignoreDiacritics`. */
export const shortAnswer = z
  .object({
    ...common,
    type: z.literal('short'),
    accepted: z
      .object({ lv: z.array(z.string().trim().min(1)).min(1), en: z.array(z.string().trim().min(1)).min(1) })
      .strict(),
    ignoreDiacritics: z.boolean().default(false),
  })
  .strict();

const part = z.union([singleChoice, multipleResponse, trueFalse, matching, ordering, numeric, shortAnswer]);

/** A case text followed by several questions of the other types; points are the parts' sum. */
export const scenario = z
  .object({
    id: questionId,
    category: questionId,
    type: z.literal('scenario'),
    text: bilingual,
    feedback: bilingual.optional(),
    image: image.optional(),
    parts: z
      .array(part)
      .min(2)
      .max(8)
      .superRefine((parts, ctx) => unique(parts, ctx, null)),
  })
  .strict();

export const questionSchema = z.union([
  singleChoice,
  multipleResponse,
  trueFalse,
  matching,
  ordering,
  numeric,
  shortAnswer,
  scenario,
]);
export type Question = z.infer<typeof questionSchema>;
export type PartQuestion = z.infer<typeof part>;
export type QuestionType = Question['type'];
export const QUESTION_TYPES = [
  'single',
  'multiple',
  'true-false',
  'matching',
  'ordering',
  'numeric',
  'short',
  'scenario',
] as const;

/** A bank file: a list of questions. */
export const questionBankSchema = z.array(questionSchema);

export const quizDefinitionSchema = z
  .object({
    id: questionId,
    /** Random selection: N questions from each category (all of them when count is absent). */
    select: z.array(z.object({ category: questionId, count: z.number().int().positive().optional() }).strict()).min(1),
    shuffleQuestions: z.boolean().default(true),
    shuffleOptions: z.boolean().default(true),
    /** Percent of the points needed to pass. */
    passMark: z.number().min(0).max(100).default(70),
    /** Attempts a learner may make; absent means unlimited. */
    attempts: z.number().int().positive().max(100).optional(),
    grading: z.enum(['highest', 'last', 'average']).default('highest'),
    timeLimitMinutes: z.number().int().positive().max(600).optional(),
    /** When the review shows the right answers (scores and feedback are always shown after submitting). */
    showAnswers: z.enum(['after-submit', 'after-pass', 'after-last-attempt', 'never']).default('after-submit'),
  })
  .strict();
export type QuizDefinition = z.infer<typeof quizDefinitionSchema>;

export const quizzesFileSchema = z.array(quizDefinitionSchema);

/** A learner's answer to one question, by type. Scenario answers hold one per part. */
export type Response =
  | { type: 'single'; optionId: string | null }
  | { type: 'multiple'; optionIds: string[] }
  | { type: 'true-false'; value: boolean | null }
  | { type: 'matching'; pairs: Record<string, string> }
  | { type: 'ordering'; order: string[] }
  | { type: 'numeric'; value: number | null }
  | { type: 'short'; text: string }
  | { type: 'scenario'; parts: Record<string, Response> };

/** A course's question banks and quiz definitions, as loaded from its folder and kept per version. */
export interface CourseQuizzes {
  questions: Question[];
  quizzes: QuizDefinition[];
}
