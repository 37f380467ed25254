import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCertificate } from '../../src/lib/certificates/issue.ts';
import { createCohort } from '../../src/lib/cohorts/cohorts.ts';
import { joinByCode } from '../../src/lib/cohorts/membership.ts';
import { cohortInputSchema } from '../../src/lib/cohorts/schemas.ts';
import { loadCourse } from '../../src/lib/courses/loader.ts';
import { completeLesson, enrol, getEnrolment } from '../../src/lib/courses/learning.ts';
import { syncCourses } from '../../src/lib/courses/sync.ts';
import { surveysOf } from '../../src/lib/courses/versions.ts';
import { getDb } from '../../src/lib/db.ts';
import { AppError } from '../../src/lib/errors.ts';
import { submitSurvey, surveyResponseOf } from '../../src/lib/surveys/responses.ts';
import {
  commentExport,
  MIN_RESPONSES,
  resultsForViewer,
  responseExport,
  surveyResults,
} from '../../src/lib/surveys/results.ts';
import { surveyFormSchema, type SurveyDefinition } from '../../src/lib/surveys/schema.ts';
import { anonymiseUser, exportPersonalData } from '../../src/lib/users/privacy.ts';
import { courses, surveyAnswers, surveyResponses } from '../../db/schema/index.ts';
import { TEST_DATA_DIR } from '../setup/paths.ts';
import { createUser, sessionOf } from '../factories.ts';

const root = join(TEST_DATA_DIR, `survey-courses-${process.pid}`);
const scratch = join(TEST_DATA_DIR, `survey-scratch-${process.pid}`);
/** The sample course as it is: the survey optional. */
const SAMPLE = 'sample-course';
/** The sample course with its survey required. */
const COURSE = 'survey-course';

beforeAll(async () => {
  mkdirSync(root, { recursive: true });
  cpSync('tests/fixtures/courses/sample-course', join(root, SAMPLE), { recursive: true });
  cpSync('tests/fixtures/courses/sample-course', join(root, COURSE), { recursive: true });
  const file = join(root, COURSE, 'course.yaml');
  const yaml = readFileSync(file, 'utf8')
    .replace('slug: sample-course', `slug: ${COURSE}`)
    .replace(/(id: survey,[\s\S]*?)required: false/, '$1required: true');
  expect(yaml).toMatch(/id: survey,[\s\S]*?required: true/);
  writeFileSync(file, yaml);
  const reports = await syncCourses(root);
  for (const report of reports) if (report.outcome === 'invalid') throw new Error(JSON.stringify(report));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

const ALL_AGREE = { useful: 5, 'will-use': 4, pace: 3 };

async function learner(slug = COURSE, name = 'Jānis Kalniņš') {
  const { user } = await createUser({ name });
  await enrol(user.id, slug);
  return user;
}

const code = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return `${error.code} ${error.messageKey}`;
    throw error;
  }
};

async function responsesOf(userId: number) {
  const db = await getDb();
  return db.select().from(surveyResponses).where(eq(surveyResponses.userId, userId));
}

/** A copy of the sample course in its own folder, changed by `edit`, loaded. */
function loadEdited(name: string, edit: (dir: string) => void) {
  const dir = join(scratch, name);
  mkdirSync(scratch, { recursive: true });
  cpSync('tests/fixtures/courses/sample-course', dir, { recursive: true });
  writeFileSync(
    join(dir, 'course.yaml'),
    readFileSync(join(dir, 'course.yaml'), 'utf8').replace('slug: sample-course', `slug: ${name}`),
  );
  edit(dir);
  return loadCourse(dir);
}

const editFile = (dir: string, file: string, change: (text: string) => string) => {
  const path = join(dir, file);
  const changed = change(readFileSync(path, 'utf8'));
  expect(changed).not.toBe(readFileSync(path, 'utf8'));
  writeFileSync(path, changed);
};

describe('surveys.yaml', () => {
  it('loads with the course, into the version and its content hash', async () => {
    const load = loadCourse(join(root, SAMPLE));
    expect(load.ok).toBe(true);
    if (!load.ok) return;
    expect(load.course.surveys.map((s) => s.id)).toEqual(['end-of-course']);
    expect(load.course.surveys[0]?.items.map((i) => i.id)).toEqual(['useful', 'will-use', 'pace']);
    const db = await getDb();
    const [row] = await db.select().from(courses).where(eq(courses.slug, SAMPLE));
    expect((await surveysOf(row?.currentVersionId ?? 0))[0]?.title.lv).toBe('Kursa aptauja');
    // A change of wording is a new content hash (a new version, to which learners follow).
    const reworded = loadEdited('reworded', (dir) =>
      editFile(dir, 'surveys.yaml', (y) => y.replace('Temps bija piemērots', 'Temps bija labs')),
    );
    expect(reworded.ok && reworded.course.contentHash).not.toBe(load.course.contentHash);
    expect(reworded.ok && reworded.course.structureHash).toBe(load.course.structureHash);
  });

  it('refuses a survey without the item "useful", naming the file and field', () => {
    const load = loadEdited('no-useful', (dir) =>
      editFile(dir, 'surveys.yaml', (y) =>
        y.replace(
          "    - id: useful\n      text: { lv: 'Mācības bija noderīgas manā darbā', en: 'The training was useful for my work' }\n",
          '',
        ),
      ),
    );
    expect(load.ok).toBe(false);
    expect(!load.ok && load.errors.join('\n')).toMatch(
      /no-useful\/surveys\.yaml: 0\.items: every survey must ask the item "useful"/,
    );
  });

  it('refuses a survey activity whose survey is not defined', () => {
    const load = loadEdited('unknown-survey', (dir) =>
      editFile(dir, 'course.yaml', (y) => y.replace('survey: end-of-course', 'survey: mid-course')),
    );
    expect(!load.ok && load.errors).toEqual([
      expect.stringMatching(
        /unknown-survey\/course\.yaml: activity "survey": survey "mid-course" is not defined in surveys\.yaml$/,
      ),
    ]);
  });

  it('refuses a missing translation, a duplicate item, an unknown field and a missing file', () => {
    const untranslated = loadEdited('untranslated', (dir) =>
      editFile(dir, 'surveys.yaml', (y) => y.replace(", en: 'The pace was right'", '')),
    );
    expect(!untranslated.ok && untranslated.errors.join('\n')).toMatch(
      /untranslated\/surveys\.yaml: 0\.items\.2\.text\.en: the English text is missing/,
    );
    const duplicate = loadEdited('duplicate', (dir) =>
      editFile(dir, 'surveys.yaml', (y) => y.replace('- id: pace', '- id: useful')),
    );
    expect(!duplicate.ok && duplicate.errors.join('\n')).toMatch(/0\.items\.2\.id: duplicate item id "useful"/);
    const unknown = loadEdited('unknown-field', (dir) =>
      editFile(dir, 'surveys.yaml', (y) => y.replace('  intro:', '  scale: 7\n  intro:')),
    );
    expect(!unknown.ok && unknown.errors.join('\n')).toMatch(/unknown-field\/surveys\.yaml: 0: .*scale/);
    const missing = loadEdited('no-file', (dir) => rmSync(join(dir, 'surveys.yaml')));
    expect(!missing.ok && missing.errors.join('\n')).toMatch(/no-file\/surveys\.yaml: missing/);
  });
});

describe('the survey form at the boundary', () => {
  const survey = (): SurveyDefinition => {
    const load = loadCourse(join(root, SAMPLE));
    if (!load.ok || !load.course.surveys[0]) throw new Error('no survey');
    return load.course.surveys[0];
  };

  it('turns the posted form into answers and a cleaned comment', () => {
    const parsed = surveyFormSchema(survey()).safeParse({
      'answer-useful': '5',
      'answer-will-use': '1',
      'answer-pace': '3',
      comment: '  Labi\r\nbija\u0007 \u202E ',
    });
    expect(parsed.success && parsed.data).toEqual({
      answers: { useful: 5, 'will-use': 1, pace: 3 },
      comment: 'Labi\nbija',
    });
  });

  it('names every unanswered or wrong statement, an unknown one and a long comment', () => {
    const parsed = surveyFormSchema(survey()).safeParse({
      'answer-useful': '6',
      'answer-pace': 'x',
      'answer-forged': '3',
      comment: 'a'.repeat(2001),
    });
    expect(parsed.success).toBe(false);
    const issues = parsed.error?.issues.map((i) => `${i.path.join('.')} ${i.message}`) ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        'answer-useful survey.error.itemMissing',
        'answer-will-use survey.error.itemMissing',
        'answer-pace survey.error.itemMissing',
        'comment survey.error.commentTooLong',
      ]),
    );
  });
});

describe('answering a survey', () => {
  it('completes the course (and issues the certificate) when it is the last required activity', async () => {
    const user = await learner();
    await completeLesson(user.id, COURSE, 'one');
    await completeLesson(user.id, COURSE, 'two');
    expect((await getEnrolment(user.id, COURSE))?.completedAt).toBeNull();
    const outcome = await submitSurvey(user.id, COURSE, 'survey', ALL_AGREE, '  Ļoti noderīgi.  ');
    expect(outcome.courseCompleted).toBe(true);
    expect(outcome.enrolment.completed.has('survey')).toBe(true);
    const enrolment = await getEnrolment(user.id, COURSE);
    expect(enrolment?.completedAt).not.toBeNull();
    expect(await currentCertificate(enrolment?.id ?? 0)).not.toBeNull();
    const own = await surveyResponseOf(enrolment?.id ?? 0, 'survey');
    expect(own).toMatchObject({ answers: ALL_AGREE, comment: 'Ļoti noderīgi.' });
  });

  it("is part of the person's own data export", async () => {
    const user = await learner();
    await submitSurvey(user.id, COURSE, 'survey', ALL_AGREE, 'Mans komentārs');
    const data = await exportPersonalData(user.id);
    expect(data['surveyAnswers']).toEqual([
      expect.objectContaining({ survey: 'end-of-course', answers: ALL_AGREE, comment: 'Mans komentārs' }),
    ]);
  });

  it('does not complete the course while another required activity is missing', async () => {
    const user = await learner();
    await completeLesson(user.id, COURSE, 'one');
    expect((await submitSurvey(user.id, COURSE, 'survey', ALL_AGREE, '')).courseCompleted).toBe(false);
    expect((await completeLesson(user.id, COURSE, 'two')).courseCompleted).toBe(true);
    expect((await responsesOf(user.id))[0]?.comment).toBeNull();
  });

  it('is answered once: a second submission is refused and changes nothing', async () => {
    const user = await learner();
    await submitSurvey(user.id, COURSE, 'survey', ALL_AGREE, 'Pirmais');
    const enrolment = await getEnrolment(user.id, COURSE);
    const before = await surveyResponseOf(enrolment?.id ?? 0, 'survey');
    expect(await code(submitSurvey(user.id, COURSE, 'survey', { useful: 1, 'will-use': 1, pace: 1 }, 'Otrais'))).toBe(
      'CONFLICT survey.error.alreadyAnswered',
    );
    expect(await surveyResponseOf(enrolment?.id ?? 0, 'survey')).toEqual(before);
    expect(await responsesOf(user.id)).toHaveLength(1);
  });

  it('takes exactly one of two simultaneous submissions', async () => {
    const user = await learner();
    const results = await Promise.all([
      code(submitSurvey(user.id, COURSE, 'survey', ALL_AGREE, 'A')),
      code(submitSurvey(user.id, COURSE, 'survey', { useful: 1, 'will-use': 2, pace: 3 }, 'B')),
    ]);
    expect(results.sort()).toEqual(['CONFLICT survey.error.alreadyAnswered', 'ok']);
    const rows = await responsesOf(user.id);
    expect(rows).toHaveLength(1);
    const db = await getDb();
    const answers = await db
      .select()
      .from(surveyAnswers)
      .where(eq(surveyAnswers.responseId, rows[0]?.id ?? 0));
    expect(answers).toHaveLength(3);
    // The answers are those of the submission that won, never a mix of both.
    const won = rows[0]?.comment === 'A' ? ALL_AGREE : { useful: 1, 'will-use': 2, pace: 3 };
    expect(Object.fromEntries(answers.map((a) => [a.itemId, a.value]))).toEqual(won);
  });

  it.each([
    ['0', { ...ALL_AGREE, useful: 0 }, 'BAD_REQUEST survey.error.value'],
    ['6', { ...ALL_AGREE, useful: 6 }, 'BAD_REQUEST survey.error.value'],
    ["'x'", { ...ALL_AGREE, useful: 'x' }, 'BAD_REQUEST survey.error.value'],
    ['2.5', { ...ALL_AGREE, pace: 2.5 }, 'BAD_REQUEST survey.error.value'],
    ["'4' as text", { ...ALL_AGREE, pace: '4' }, 'BAD_REQUEST survey.error.value'],
    ['an item missing', { useful: 5, pace: 3 }, 'BAD_REQUEST survey.error.incomplete'],
    ['an unknown item', { ...ALL_AGREE, forged: 3 }, 'BAD_REQUEST survey.error.unknownItem'],
  ])('refuses %s and stores nothing', async (_what, answers, expected) => {
    const user = await learner();
    expect(await code(submitSurvey(user.id, COURSE, 'survey', answers, ''))).toBe(expected);
    expect(await responsesOf(user.id)).toEqual([]);
    expect((await getEnrolment(user.id, COURSE))?.completed.has('survey')).toBe(false);
  });

  it('cleans the comment and refuses one that is too long', async () => {
    const user = await learner();
    expect(await code(submitSurvey(user.id, COURSE, 'survey', ALL_AGREE, 'ā'.repeat(2001)))).toBe(
      'BAD_REQUEST survey.error.commentTooLong',
    );
    await submitSurvey(user.id, COURSE, 'survey', ALL_AGREE, `\u0000 ${'ā'.repeat(2000)}\u001b\r\n  `);
    expect((await responsesOf(user.id))[0]?.comment).toBe('ā'.repeat(2000));
  });

  it('refuses a learner not enrolled, a forged activity id and an activity that is not a survey', async () => {
    const { user: stranger } = await createUser();
    expect(await code(submitSurvey(stranger.id, COURSE, 'survey', ALL_AGREE, ''))).toBe(
      'FORBIDDEN error.course.notEnrolled',
    );
    const user = await learner();
    expect(await code(submitSurvey(user.id, COURSE, '../survey', ALL_AGREE, ''))).toBe(
      'NOT_FOUND error.activity.notFound',
    );
    expect(await code(submitSurvey(user.id, COURSE, 'one', ALL_AGREE, ''))).toBe('BAD_REQUEST survey.error.notSurvey');
    expect(await responsesOf(stranger.id)).toEqual([]);
    expect(await responsesOf(user.id)).toEqual([]);
  });
});

describe('survey results', () => {
  /** A trainer's cohort of the sample course with the given learners, who each answer. */
  async function cohortAnswering(answers: { useful: number; comment: string; name: string }[]) {
    const { user } = await createUser({ role: 'trainer', name: 'Trenere Inga' });
    const trainer = sessionOf(user);
    const cohort = await createCohort(
      trainer,
      cohortInputSchema.parse({
        courseSlug: SAMPLE,
        name: `Grupa ${Math.random().toString(36).slice(2, 8)}`,
        mode: 'online',
        region: null,
        venue: null,
        startsOn: '2026-03-01',
        endsOn: '2026-04-30',
        capacity: 30,
      }),
    );
    for (const a of answers) {
      const { user: person } = await createUser({ name: a.name });
      await joinByCode(sessionOf(person), cohort.inviteCode ?? '');
      await enrol(person.id, SAMPLE);
      await submitSurvey(person.id, SAMPLE, 'survey', { useful: a.useful, 'will-use': 4, pace: 3 }, a.comment);
    }
    return { trainer, cohort };
  }

  it('counts each value, the mean and the share agreeing exactly, with comments as sorted texts', async () => {
    const { trainer, cohort } = await cohortAnswering([
      { useful: 5, comment: 'Zebras piemērs bija labs', name: 'Anna Ozola' },
      { useful: 4, comment: '', name: 'Bruno Liepa' },
      { useful: 4, comment: 'ābeļu dārzs', name: 'Cilda Kalna' },
      { useful: 2, comment: 'Būtu vairāk gadījumu', name: 'Dace Egle' },
      { useful: 1, comment: 'Anna teica, ka garš', name: 'Edgars Bērziņš' },
    ]);
    const view = await resultsForViewer(trainer, { cohort: cohort.id });
    const survey = view?.surveys.find((s) => s.surveyId === 'end-of-course');
    expect(survey).toMatchObject({ responses: 5, shown: true, title: { lv: 'Kursa aptauja' } });
    const useful = survey?.items.find((i) => i.itemId === 'useful');
    expect(useful).toMatchObject({ counts: [1, 1, 0, 2, 1], answered: 5, mean: 16 / 5, agreeShare: 3 / 5 });
    expect(useful?.text?.en).toBe('The training was useful for my work');
    expect(survey?.items.find((i) => i.itemId === 'will-use')).toMatchObject({
      counts: [0, 0, 0, 5, 0],
      mean: 4,
      agreeShare: 1,
    });
    expect(survey?.items.find((i) => i.itemId === 'pace')).toMatchObject({ counts: [0, 0, 5, 0, 0], agreeShare: 0 });
    // Alphabetical in Latvian (ā after a), the empty one left out, and nothing but the texts.
    expect(survey?.comments).toEqual([
      'Anna teica, ka garš',
      'ābeļu dārzs',
      'Būtu vairāk gadījumu',
      'Zebras piemērs bija labs',
    ]);
    const shown = JSON.stringify(view);
    for (const name of ['Ozola', 'Liepa', 'Kalna', 'Egle', 'Bērziņš', '@example.lv']) expect(shown).not.toContain(name);
  });

  it(`shows a group of fewer than ${MIN_RESPONSES} only as a count to its trainer, in full to an admin`, async () => {
    const { trainer, cohort } = await cohortAnswering([
      { useful: 5, comment: 'Tikai es to rakstīju', name: 'Gita Priede' },
      { useful: 1, comment: '', name: 'Hugo Vītols' },
    ]);
    const asTrainer = (await resultsForViewer(trainer, { cohort: cohort.id }))?.surveys[0];
    expect(asTrainer).toMatchObject({ responses: 2, shown: false, items: [], comments: [] });
    const { user: admin } = await createUser({ role: 'admin' });
    const asAdmin = (await resultsForViewer(sessionOf(admin), { cohort: cohort.id }))?.surveys[0];
    expect(asAdmin).toMatchObject({ responses: 2, shown: true, comments: ['Tikai es to rakstīju'] });
    expect(asAdmin?.items[0]).toMatchObject({ itemId: 'useful', counts: [1, 0, 0, 0, 1] });
  });

  it('gives a trainer only the cohorts they run, and never a course across cohorts', async () => {
    const { cohort } = await cohortAnswering([]);
    const { user: other } = await createUser({ role: 'trainer' });
    expect(await code(resultsForViewer(sessionOf(other), { cohort: cohort.id }))).toBe(
      'NOT_FOUND error.cohort.notFound',
    );
    expect(await resultsForViewer(sessionOf(other), { course: SAMPLE })).toBeNull();
    const { user: learnerUser } = await createUser();
    expect(await code(resultsForViewer(sessionOf(learnerUser), { course: SAMPLE }))).toBe('FORBIDDEN error.forbidden');
  });

  it('limits a course to the given cohorts’ learners', async () => {
    const db = await getDb();
    const [course] = await db.select().from(courses).where(eq(courses.slug, SAMPLE));
    const { cohort } = await cohortAnswering([{ useful: 3, comment: '', name: 'Ieva Sproga' }]);
    const all = await surveyResults(course?.id ?? 0, { reveal: true });
    const one = await surveyResults(course?.id ?? 0, { cohortIds: [cohort.id], reveal: true });
    expect(one[0]?.responses).toBe(1);
    expect(all[0]?.responses).toBeGreaterThan(1);
    expect((await surveyResults(course?.id ?? 0, { cohortIds: [], reveal: true }))[0]?.responses).toBe(0);
  });

  it('exports responses with the person but without comments, and comments without the person (admins only)', async () => {
    const user = await learner(SAMPLE, 'Jurģis Ērglis');
    await submitSurvey(user.id, SAMPLE, 'survey', { useful: 2, 'will-use': 3, pace: 4 }, 'Mans slepenais komentārs');
    const { user: admin } = await createUser({ role: 'admin' });
    const exported = await responseExport(sessionOf(admin), SAMPLE);
    expect(exported.items).toEqual(['useful', 'will-use', 'pace']);
    const row = exported.rows.find((r) => r.userId === user.id);
    expect(row).toMatchObject({ name: 'Jurģis Ērglis', course: SAMPLE, survey: 'end-of-course', values: [2, 3, 4] });
    expect(JSON.stringify(exported)).not.toContain('slepenais');
    const comments = await commentExport(sessionOf(admin), SAMPLE);
    expect(comments).toContainEqual({ course: SAMPLE, comment: 'Mans slepenais komentārs' });
    expect(Object.keys(comments[0] ?? {}).sort()).toEqual(['comment', 'course']);
    const { user: trainer } = await createUser({ role: 'trainer' });
    expect(await code(responseExport(sessionOf(trainer)))).toBe('FORBIDDEN error.forbidden');
    expect(await code(commentExport(sessionOf(trainer)))).toBe('FORBIDDEN error.forbidden');
  });
});

describe('erasing a person', () => {
  it('blanks their survey comments and keeps their answers, so no figure changes', async () => {
    const user = await learner(COURSE, 'Laura Dzene');
    await submitSurvey(user.id, COURSE, 'survey', ALL_AGREE, 'Mani sauc Laura, zvaniet 29999999');
    const db = await getDb();
    const [course] = await db.select().from(courses).where(eq(courses.slug, COURSE));
    const before = await surveyResults(course?.id ?? 0, { reveal: true });
    await anonymiseUser(user.id);
    const [row] = await responsesOf(user.id);
    expect(row?.comment).toBeNull();
    const enrolment = await getEnrolment(user.id, COURSE);
    expect((await surveyResponseOf(enrolment?.id ?? 0, 'survey'))?.answers).toEqual(ALL_AGREE);
    const after = await surveyResults(course?.id ?? 0, { reveal: true });
    expect(after[0]?.responses).toBe(before[0]?.responses);
    expect(after[0]?.items).toEqual(before[0]?.items);
    expect(after[0]?.comments).not.toContain('Mani sauc Laura, zvaniet 29999999');
    const [{ n } = { n: 0 }] = await db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM survey_responses WHERE comment LIKE '%Laura%'`,
    );
    expect(n).toBe(0);
  });
});
