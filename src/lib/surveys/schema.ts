import { z } from 'zod';

/**
 * The format of `courses/<slug>/surveys.yaml`: a list of surveys, each a few Likert statements
 * (1 strongly disagree … 5 strongly agree; the scale's labels come from the message catalogue,
 * not the file) and an optional open comment. Every text exists in Latvian and English.
 */
const text = z
  .object({
    lv: z.string({ error: 'the Latvian text is missing' }).trim().min(1, 'the Latvian text is empty'),
    en: z.string({ error: 'the English text is missing' }).trim().min(1, 'the English text is empty'),
  })
  .strict();

const id = z
  .string({ error: 'an id is required' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens');

/** The answers of the Likert scale, lowest first. */
export const LIKERT_VALUES = [1, 2, 3, 4, 5] as const;
export type LikertValue = (typeof LIKERT_VALUES)[number];

/** An answer of at least this agrees with the statement (4 agree, 5 strongly agree). */
export const AGREE_FROM = 4;

/**
 * Items every survey asks, with these ids: the project's reports count "found the training
 * useful" as 4 or 5 on `useful`, and the intention to apply it on `will-use`.
 */
export const REQUIRED_ITEMS = {
  useful: { lv: 'Mācības bija noderīgas manā darbā', en: 'The training was useful for my work' },
  'will-use': { lv: 'Apgūto izmantošu savā darbā', en: 'I will use what I learned in my work' },
} as const;

/** The longest open comment a learner may leave (characters, after trimming). */
export const MAX_COMMENT_LENGTH = 2000;

export const surveyItemSchema = z.object({ id, text }).strict();
export type SurveyItem = z.infer<typeof surveyItemSchema>;

export const surveyDefinitionSchema = z
  .object({
    id,
    title: text,
    /** Shown above the statements: why we ask, how long it takes, that answers are anonymous in reports. */
    intro: text.optional(),
    items: z.array(surveyItemSchema).min(2, 'a survey needs at least the items "useful" and "will-use"').max(20),
    /** An open comment field with this label; absent: no comment is asked for. */
    comment: z.object({ label: text }).strict().optional(),
  })
  .strict()
  .superRefine((survey, ctx) => {
    const seen = new Set<string>();
    survey.items.forEach((item, i) => {
      if (seen.has(item.id)) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `duplicate item id "${item.id}"` });
      }
      seen.add(item.id);
    });
    for (const required of Object.keys(REQUIRED_ITEMS)) {
      if (!seen.has(required)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items'],
          message: `every survey must ask the item "${required}" (“${REQUIRED_ITEMS[required as keyof typeof REQUIRED_ITEMS].en}”); the project's reports read it`,
        });
      }
    }
  });
export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;

/** `surveys.yaml`: one or more surveys with unique ids. */
export const surveysFileSchema = z
  .array(surveyDefinitionSchema, { error: 'a list of surveys' })
  .min(1, 'a list of at least one survey')
  .superRefine((surveys, ctx) => {
    const seen = new Set<string>();
    surveys.forEach((survey, i) => {
      if (seen.has(survey.id)) {
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `survey "${survey.id}" is defined twice` });
      }
      seen.add(survey.id);
    });
  });

/** The form field of an item's answer (radio buttons `answer-<item id>`). */
export const answerField = (itemId: string) => `answer-${itemId}`;

// C0/C1 controls except tab and line feed, and the bidirectional overrides and isolates (which
// can make a comment read differently from what it says, in a page or a spreadsheet).
// eslint-disable-next-line no-control-regex
const UNWANTED = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** An open comment as it is stored: line breaks as \n, control characters removed, trimmed. */
export function cleanComment(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(UNWANTED, '').trim();
}

/**
 * The survey form as it is posted, checked at the boundary: every statement answered with one
 * of 1–5, no answer to a statement the survey does not have, the comment not too long. Messages
 * are catalogue keys (the page names the statement of each error).
 */
export function surveyFormSchema(survey: SurveyDefinition) {
  const shape: Record<string, z.ZodType> = {};
  for (const item of survey.items) {
    shape[answerField(item.id)] = z.enum(['1', '2', '3', '4', '5'], { error: 'survey.error.itemMissing' });
  }
  shape['comment'] = z
    .string({ error: 'survey.error.commentTooLong' })
    .transform(cleanComment)
    .pipe(z.string().max(MAX_COMMENT_LENGTH, 'survey.error.commentTooLong'))
    .optional();
  const known = new Set(Object.keys(shape));
  return z
    .looseObject(shape)
    .superRefine((data, ctx) => {
      for (const key of Object.keys(data)) {
        if (key.startsWith('answer-') && !known.has(key)) {
          ctx.addIssue({ code: 'custom', path: [], message: 'survey.error.unknownItem' });
        }
      }
    })
    .transform((data) => ({
      answers: Object.fromEntries(survey.items.map((item) => [item.id, Number(data[answerField(item.id)])])),
      comment: typeof data['comment'] === 'string' ? data['comment'] : '',
    }));
}
