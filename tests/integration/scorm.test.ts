import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrol, getEnrolment } from '../../src/lib/courses/learning.ts';
import { syncCourses } from '../../src/lib/courses/sync.ts';
import { getDb } from '../../src/lib/db.ts';
import { AppError } from '../../src/lib/errors.ts';
import { storeCommit, type CommitBody } from '../../src/lib/scorm/commit.ts';
import { mayReadPackage, packageFile } from '../../src/lib/scorm/package-files.ts';
import { launchPlayer, openPlayer } from '../../src/lib/scorm/player.ts';
import { packageRoot } from '../../src/lib/scorm/packages.ts';
import { learnerScormAttempts } from '../../src/lib/scorm/staff-view.ts';
import { scormIntro, startNewAttempt } from '../../src/lib/scorm/attempts.ts';
import { anonymiseUser, exportPersonalData } from '../../src/lib/users/privacy.ts';
import {
  activityCompletions,
  cohortMembers,
  cohorts,
  cohortTrainers,
  courses,
  courseVersions,
  enrolments,
  scormScoStates,
} from '../../db/schema/index.ts';
import { loadCourse } from '../../src/lib/courses/loader.ts';
import { TEST_DATA_DIR } from '../setup/paths.ts';
import { createUser, sessionOf } from '../factories.ts';
import { SCORM_FIXTURES, testSco } from '../scorm-packages.ts';

const root = join(TEST_DATA_DIR, `scorm-courses-${process.pid}`);
const COURSE = 'scorm-course';

/** A course with four SCORM activities: the test SCO (required), and three real packages. */
function writeCourse(packages: Record<string, { file: string; required: boolean; rules?: string }>) {
  const folder = join(root, COURSE);
  mkdirSync(join(folder, 'scorm'), { recursive: true });
  const activities = Object.entries(packages).map(([id, p]) => {
    copyFileSync(p.file, join(folder, 'scorm', `${id}.zip`));
    return `      - { id: ${id}, kind: scorm, package: scorm/${id}.zip, required: ${p.required}, ${p.rules ?? ''}title: { lv: 'Modulis ${id}', en: 'Module ${id}' } }`;
  });
  writeFileSync(
    join(folder, 'course.yaml'),
    [
      `slug: ${COURSE}`,
      'version: 1',
      'status: published',
      "title: { lv: 'SCORM kurss', en: 'SCORM course' }",
      "summary: { lv: 'Tests.', en: 'Tests.' }",
      "description: { lv: 'Tests.', en: 'Tests.' }",
      'sectors: [education]',
      'hours: 1',
      "certificate: { template: default, statement: { lv: 'Apguvis.', en: 'Completed.' } }",
      'modules:',
      '  - id: only',
      "    title: { lv: 'Modulis', en: 'Module' }",
      '    activities:',
      ...activities,
      '',
    ].join('\n'),
  );
}

beforeAll(async () => {
  mkdirSync(root, { recursive: true });
  writeCourse({
    unload: { file: testSco('unload-commit-12', root), required: true },
    multi: { file: join(SCORM_FIXTURES, 'golf12-multisco-runtime-minimum.zip'), required: false },
    advanced: { file: join(SCORM_FIXTURES, 'golf2004-3rd-runtime-advanced.zip'), required: false },
    limited: { file: testSco('unload-commit-12', root), required: false, rules: 'attempts: 2, retake: until-passed, ' },
  });
  const reports = await syncCourses(root);
  for (const report of reports) if (report.outcome === 'invalid') throw new Error(JSON.stringify(report));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(packageRoot(), { recursive: true, force: true });
});

async function learner(name = 'Ilze Bērziņa') {
  const { user } = await createUser({ name, sector: 'education' });
  await enrol(user.id, COURSE);
  return sessionOf(user);
}

/** Opens the player page and starts its launch, as the page's script does. */
async function play(me: Awaited<ReturnType<typeof learner>>, activity: string, item: string | null) {
  const view = await openPlayer(me, COURSE, activity, item);
  if (!view.launch) return { ...view, launch: null };
  const started = await launchPlayer(me, {
    attempt: view.launch.attempt,
    item: view.launch.item,
    token: view.launch.token,
  });
  return { ...view, launch: { ...view.launch, ...started } };
}

type Launched = NonNullable<Awaited<ReturnType<typeof play>>['launch']>;

function commit(launch: Launched, seq: number, cmi: Record<string, string>): CommitBody {
  return { attempt: launch.attempt, item: launch.item, session: launch.session, seq, token: launch.token, cmi };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('SCORM packages in courses', () => {
  it('imports the packages a course references at sync and plays them in the learner’s version', async () => {
    const me = await learner();
    const view = await play(me, 'unload', null);
    expect(view.pkg.version).toBe('1.2');
    expect(view.launch?.launchUrl).toBe(`/scorm/files/${view.pkg.id}/index.html`);
    expect(existsSync(join(packageRoot(), view.pkg.id, 'index.html'))).toBe(true);
    const multi = await play(me, 'multi', null);
    expect(multi.outline.filter((o) => o.launchable).length).toBeGreaterThan(1);
  });

  it('refuses a course whose package fails the checks, naming the reason, and keeps the others', async () => {
    const broken = join(root, 'broken-scorm');
    mkdirSync(join(broken, 'scorm'), { recursive: true });
    copyFileSync(join(SCORM_FIXTURES, 'broken-parser-dangling-identifierref-12.zip'), join(broken, 'scorm', 'x.zip'));
    writeFileSync(
      join(broken, 'course.yaml'),
      [
        'slug: broken-scorm',
        'version: 1',
        'status: published',
        "title: { lv: 'B', en: 'B' }",
        "summary: { lv: 'B', en: 'B' }",
        "description: { lv: 'B', en: 'B' }",
        'sectors: [education]',
        'hours: 1',
        "certificate: { template: default, statement: { lv: 'B', en: 'B' } }",
        'modules:',
        "  - { id: m, title: { lv: 'M', en: 'M' }, activities: [{ id: p, kind: scorm, package: scorm/x.zip, title: { lv: 'P', en: 'P' } }] }",
        '',
      ].join('\n'),
    );
    try {
      const reports = await syncCourses(root);
      const report = reports.find((r) => r.slug === 'broken-scorm');
      expect(report?.outcome).toBe('invalid');
      expect(report?.errors?.join(' ')).toMatch(/activity "p": x\.zip: .*resource/i);
      expect(reports.find((r) => r.slug === COURSE)?.outcome).toBe('unchanged');
      // Nothing of the refused package is left in the store.
      expect(readdirSync(packageRoot()).filter((n) => n.startsWith('.staging'))).toEqual([]);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});

describe('launching and committing', () => {
  it('launches ab-initio with the LMS’s own values and stores a valid commit once', async () => {
    const me = await learner();
    const view = await play(me, 'unload', null);
    const launch = view.launch;
    if (!launch) throw new Error('not launched');
    expect(launch.cmi['cmi.core.entry']).toBe('ab-initio');
    expect(launch.cmi['cmi.core.credit']).toBe('credit');
    expect(launch.cmi['cmi.core.student_id']).toBe(String(me.id));
    expect(launch.cmi['cmi.student_data.mastery_score']).toBe('80');
    const cmi = {
      'cmi.core.lesson_location': '3',
      'cmi.suspend_data': 'p2;p3;',
      'cmi.core.lesson_status': 'incomplete',
      'cmi.core.exit': 'suspend',
      'cmi.core.session_time': '00:01:30',
      // Echoed LMS values are ignored, never stored.
      'cmi.core.student_id': '999',
    };
    expect((await storeCommit(me.id, commit(launch, 1, cmi))).status).toBe('stored');
    expect((await storeCommit(me.id, commit(launch, 1, cmi))).status).toBe('duplicate');
    const [row] = await (
      await getDb()
    )
      .select()
      .from(scormScoStates)
      .where(eq(scormScoStates.attemptId, launch.attempt));
    expect(row?.cmi['cmi.core.lesson_location']).toBe('3');
    expect(row?.cmi['cmi.core.student_id']).toBeUndefined();
    expect(row?.sessionSeconds).toBe(90);
    expect(row?.completion).toBe('incomplete');

    // The next launch resumes: entry resume, the saved place, the time so far.
    const again = await play(me, 'unload', null);
    expect(again.launch?.session).toBe(launch.session + 1);
    expect(again.launch?.cmi['cmi.core.entry']).toBe('resume');
    expect(again.launch?.cmi['cmi.core.lesson_location']).toBe('3');
    expect(again.launch?.cmi['cmi.suspend_data']).toBe('p2;p3;');
    expect(again.launch?.cmi['cmi.core.total_time']).toBe('0000:01:30.00');
    expect(again.launch?.cmi['cmi.core.session_time']).toBeUndefined();
    // A commit from the older launch (another window) can no longer overwrite anything.
    const stale = await refusal(storeCommit(me.id, commit(launch, 2, { ...cmi, 'cmi.core.lesson_location': '1' })));
    expect(stale.code).toBe('CONFLICT');
  });

  it('refuses a forged commit (another learner’s attempt, a wrong token, a body too large) and changes nothing', async () => {
    const me = await learner();
    const other = await learner('Pēteris Ozols');
    const launch = (await play(me, 'unload', null)).launch;
    if (!launch) throw new Error('not launched');
    const good = { 'cmi.core.lesson_location': '2' };
    expect((await refusal(storeCommit(other.id, commit(launch, 1, good)))).code).toBe('NOT_FOUND');
    expect((await refusal(storeCommit(me.id, { ...commit(launch, 1, good), token: 'x'.repeat(32) }))).code).toBe(
      'FORBIDDEN',
    );
    const tooLarge = await refusal(
      storeCommit(me.id, commit(launch, 1, { 'cmi.suspend_data': 'x'.repeat(1_000_001) })),
    );
    expect(tooLarge.code).toBe('BAD_REQUEST');
    expect(String(tooLarge.params['problems'])).toContain('larger than');
    const [row] = await (
      await getDb()
    )
      .select()
      .from(scormScoStates)
      .where(eq(scormScoStates.attemptId, launch.attempt));
    expect(row?.seq).toBe(0);
    expect(row?.cmi).toEqual({});
    // 64,000 characters of suspend data are fine.
    expect((await storeCommit(me.id, commit(launch, 1, { 'cmi.suspend_data': 'x'.repeat(64_000) }))).status).toBe(
      'stored',
    );

    // A value the data model refuses is dropped; the rest of the learner's state is stored.
    const partial = await storeCommit(
      me.id,
      commit(launch, 2, {
        'cmi.core.lesson_status': 'done',
        'cmi.core.lesson_location': '2',
        'cmi.suspend_data': 'y'.repeat(64_001),
      }),
    );
    expect(partial.status).toBe('stored');
    const [after] = await (
      await getDb()
    )
      .select()
      .from(scormScoStates)
      .where(eq(scormScoStates.attemptId, launch.attempt));
    expect(after?.cmi).toEqual({ 'cmi.core.lesson_location': '2' });
  });

  it('completes the activity and the course when the SCO passes by the mastery score, once', async () => {
    const me = await learner();
    const launch = (await play(me, 'unload', null)).launch;
    if (!launch) throw new Error('not launched');
    // Below the mastery score (80): failed, whatever the SCO says.
    const low = await storeCommit(
      me.id,
      commit(launch, 1, { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '70' }),
    );
    expect(low).toMatchObject({ status: 'stored', success: 'failed', activityCompleted: false });
    const high = await storeCommit(
      me.id,
      commit(launch, 2, { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '90' }),
    );
    expect(high).toMatchObject({ status: 'stored', success: 'passed', activityCompleted: true, courseCompleted: true });
    const again = await storeCommit(
      me.id,
      commit(launch, 3, { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '95' }),
    );
    expect(again).toMatchObject({ activityCompleted: false, courseCompleted: false });
    const enrolment = await getEnrolment(me.id, COURSE);
    expect(enrolment?.completed.has('unload')).toBe(true);
    expect(enrolment?.completedAt).not.toBeNull();
    const rows = await (
      await getDb()
    )
      .select()
      .from(activityCompletions)
      .where(eq(activityCompletions.enrolmentId, enrolment?.id ?? 0));
    expect(rows.filter((r) => r.activityId === 'unload')).toHaveLength(1);
  });

  it('rolls a multi-SCO package up only when every SCO is completed', async () => {
    const me = await learner();
    const first = await play(me, 'multi', null);
    const items = first.outline.filter((o) => o.launchable).map((o) => o.identifier);
    let seqs = 0;
    for (const [index, id] of items.entries()) {
      const launch = (await play(me, 'multi', id)).launch;
      if (!launch) throw new Error(`${id} not launched`);
      const outcome = await storeCommit(me.id, commit(launch, 1, { 'cmi.core.lesson_status': 'completed' }));
      seqs += 1;
      const last = index === items.length - 1;
      expect(outcome).toMatchObject({
        status: 'stored',
        completion: last ? 'completed' : 'incomplete',
        activityCompleted: last,
      });
    }
    expect(seqs).toBe(items.length);
    // The outline shows every part done, and "continue" leads where the learner was.
    const view = await play(me, 'multi', null);
    expect(view.outline.filter((o) => o.launchable).every((o) => o.state === 'done')).toBe(true);
    expect(view.item.identifier).toBe(items.at(-1));
  });

  it('starts a new SCORM 2004 SCO attempt after an exit that was not a suspend, with the manifest’s objectives', async () => {
    const me = await learner();
    const launch = (await play(me, 'advanced', null)).launch;
    if (!launch) throw new Error('not launched');
    expect(launch.api).toBe('2004');
    expect(launch.cmi['cmi.entry']).toBe('ab-initio');
    expect(Object.keys(launch.cmi).some((k) => /^cmi\.objectives\.0\.id$/.test(k))).toBe(true);
    await storeCommit(
      me.id,
      commit(launch, 1, { 'cmi.location': 'x', 'cmi.exit': 'suspend', 'cmi.completion_status': 'incomplete' }),
    );
    const resumed = (await play(me, 'advanced', null)).launch;
    expect(resumed?.cmi['cmi.entry']).toBe('resume');
    expect(resumed?.cmi['cmi.location']).toBe('x');
    if (!resumed) throw new Error('not launched');
    // A session cut off without its Terminate (reload, crash): resumed with its data, never wiped.
    await storeCommit(
      me.id,
      commit(resumed, 1, { 'cmi.location': 'y', 'cmi.exit': 'normal', 'cmi.completion_status': 'incomplete' }),
    );
    const cutOff = (await play(me, 'advanced', null)).launch;
    expect(cutOff?.cmi['cmi.entry']).toBe('');
    expect(cutOff?.cmi['cmi.location']).toBe('y');
    if (!cutOff) throw new Error('not launched');
    // Terminated with a normal exit: the SCO's attempt is over, the next launch is a new one.
    await storeCommit(me.id, {
      ...commit(cutOff, 1, { 'cmi.location': 'z', 'cmi.exit': 'normal', 'cmi.completion_status': 'completed' }),
      final: true,
    });
    const fresh = (await play(me, 'advanced', null)).launch;
    expect(fresh?.cmi['cmi.entry']).toBe('ab-initio');
    expect(fresh?.cmi['cmi.location']).toBeUndefined();
  });
});

describe('package files and staff views', () => {
  it('serves package files only to learners with an attempt and to staff, never outside the package', async () => {
    const me = await learner();
    const stranger = sessionOf((await createUser({ name: 'Svešs' })).user);
    const view = await play(me, 'unload', null);
    expect(await mayReadPackage(me, view.pkg.id)).toBe(true);
    expect(await mayReadPackage(stranger, view.pkg.id)).toBe(false);
    const trainer = sessionOf((await createUser({ role: 'trainer' })).user);
    expect(await mayReadPackage(trainer, view.pkg.id)).toBe(true);
    expect(packageFile(view.pkg.id, 'index.html')).toMatch(/index\.html$/);
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'a\\b', 'tilts-package.json', '']) {
      expect(packageFile(view.pkg.id, bad)).toBeNull();
    }
    expect(packageFile('../../etc', 'passwd')).toBeNull();
  });

  it('shows a learner’s attempts and CMI to admins and to their trainers only', async () => {
    const me = await learner();
    const launch = (await play(me, 'unload', null)).launch;
    if (!launch) throw new Error('not launched');
    await storeCommit(me.id, commit(launch, 1, { 'cmi.core.lesson_location': '4' }));
    const admin = sessionOf((await createUser({ role: 'admin' })).user);
    const seen = await learnerScormAttempts(admin, me.id);
    expect(seen.attempts[0]?.scos[0]?.cmi['cmi.core.lesson_location']).toBe('4');
    const trainer = sessionOf((await createUser({ role: 'trainer' })).user);
    expect((await refusal(learnerScormAttempts(trainer, me.id))).code).toBe('NOT_FOUND');
    expect((await refusal(learnerScormAttempts(me, me.id))).code).toBe('NOT_FOUND');
    // Her trainer: the group she is in, of this course, is his.
    const db = await getDb();
    const enrolment = await getEnrolment(me.id, COURSE);
    const [group] = await db
      .insert(cohorts)
      .values({
        courseId: enrolment?.courseId ?? 0,
        name: 'Grupa',
        mode: 'online',
        startsOn: '2026-11-01',
        endsOn: '2026-12-31',
        capacity: 20,
        createdAt: new Date(),
      })
      .returning({ id: cohorts.id });
    if (!group) throw new Error('no group');
    await db.insert(cohortTrainers).values({ cohortId: group.id, userId: trainer.id });
    await db
      .insert(cohortMembers)
      .values({ cohortId: group.id, userId: me.id, status: 'enrolled', source: 'added', joinedAt: new Date() });
    expect((await learnerScormAttempts(trainer, me.id)).attempts).toHaveLength(1);
  });
});

describe('new attempts and personal data', () => {
  it('starts a new attempt only after the previous one is finished; the old one stays', async () => {
    const me = await learner();
    const launch = (await play(me, 'unload', null)).launch;
    if (!launch) throw new Error('not launched');
    expect((await refusal(startNewAttempt(me.id, COURSE, 'unload'))).code).toBe('CONFLICT');
    await storeCommit(me.id, commit(launch, 1, { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '85' }));
    await startNewAttempt(me.id, COURSE, 'unload');
    const second = (await play(me, 'unload', null)).launch;
    expect(second?.attempt).not.toBe(launch.attempt);
    expect(second?.cmi['cmi.core.entry']).toBe('ab-initio');
    expect(second?.cmi['cmi.core.lesson_location']).toBeUndefined();
    const intro = await scormIntro(me.id, COURSE, 'unload');
    expect(intro.attempt?.number).toBe(2);
  });

  it('follows the course’s attempt rules: a limit, and no new attempt after a pass', async () => {
    const failed = { 'cmi.core.lesson_status': 'failed', 'cmi.core.score.raw': '40' };
    const me = await learner();
    const first = (await play(me, 'limited', null)).launch;
    if (!first) throw new Error('not launched');
    await storeCommit(me.id, commit(first, 1, failed));
    const afterFirst = await scormIntro(me.id, COURSE, 'limited');
    expect(afterFirst.attemptLimit).toBe(2);
    expect(afterFirst.retake).toEqual({ allowed: true, left: 1 });
    await startNewAttempt(me.id, COURSE, 'limited');
    const second = (await play(me, 'limited', null)).launch;
    if (!second) throw new Error('not launched');
    expect(second.attempt).not.toBe(first.attempt);
    await storeCommit(me.id, commit(second, 1, failed));
    const refused = await refusal(startNewAttempt(me.id, COURSE, 'limited'));
    expect([refused.code, refused.messageKey]).toEqual(['CONFLICT', 'scorm.error.noAttemptsLeft']);
    expect((await scormIntro(me.id, COURSE, 'limited')).attempt?.number).toBe(2);

    const passer = await learner('Jānis Kalniņš');
    const only = (await play(passer, 'limited', null)).launch;
    if (!only) throw new Error('not launched');
    await storeCommit(passer.id, commit(only, 1, { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '95' }));
    const afterPass = await refusal(startNewAttempt(passer.id, COURSE, 'limited'));
    expect(afterPass.messageKey).toBe('scorm.error.alreadyPassed');
    expect((await scormIntro(passer.id, COURSE, 'limited')).attempt?.number).toBe(1);
  });

  it('exports a learner’s SCORM data and erases its free text with the account', async () => {
    const me = await learner();
    const launch = (await play(me, 'unload', null)).launch;
    if (!launch) throw new Error('not launched');
    await storeCommit(
      me.id,
      commit(launch, 1, { 'cmi.suspend_data': 'my notes', 'cmi.core.lesson_status': 'incomplete' }),
    );
    const exported = (await exportPersonalData(me.id))['scormAttempts'] as {
      scos: { cmi: Record<string, string> }[];
    }[];
    expect(exported[0]?.scos[0]?.cmi['cmi.suspend_data']).toBe('my notes');
    await anonymiseUser(me.id);
    const [row] = await (
      await getDb()
    )
      .select()
      .from(scormScoStates)
      .where(eq(scormScoStates.attemptId, launch.attempt));
    expect(row?.cmi).toEqual({});
    expect(row?.completion).toBe('incomplete');
  });
});

describe('launches and late commits', () => {
  it('stores the state the browser kept from a launch whose last commit never arrived, before the next launch', async () => {
    const me = await learner();
    const first = (await play(me, 'unload', null)).launch;
    if (!first) throw new Error('not launched');
    await storeCommit(me.id, commit(first, 1, { 'cmi.core.lesson_location': '2' }));
    // The tab closed offline with page 4 only in localStorage; the next page load sends it along.
    const view = await openPlayer(me, COURSE, 'unload', null);
    if (!view.launch) throw new Error('no launch data');
    const pending = commit(first, 2, { 'cmi.core.lesson_location': '4', 'cmi.core.exit': 'suspend' });
    const started = await launchPlayer(me, {
      attempt: view.launch.attempt,
      item: view.launch.item,
      token: view.launch.token,
      pending,
    });
    expect(started.cmi['cmi.core.lesson_location']).toBe('4');
    expect(started.cmi['cmi.core.entry']).toBe('resume');
    // An older kept state (already superseded on the server) changes nothing.
    const again = await launchPlayer(me, {
      attempt: view.launch.attempt,
      item: view.launch.item,
      token: view.launch.token,
      pending: commit(first, 1, { 'cmi.core.lesson_location': '1' }),
    });
    expect(again.cmi['cmi.core.lesson_location']).toBe('4');
  });

  it('refuses a launch with another learner’s attempt or a wrong token', async () => {
    const me = await learner();
    const other = await learner('Anna Liepa');
    const view = await openPlayer(me, COURSE, 'unload', null);
    if (!view.launch) throw new Error('no launch data');
    const request = { attempt: view.launch.attempt, item: view.launch.item, token: view.launch.token };
    expect((await refusal(launchPlayer(other, request))).code).toBe('NOT_FOUND');
    expect((await refusal(launchPlayer(me, { ...request, token: 'y'.repeat(32) }))).code).toBe('FORBIDDEN');
    expect((await refusal(launchPlayer(me, { ...request, item: 'nope' }))).code).toBe('NOT_FOUND');
  });
});

describe('upgrading courses synced before SCORM packages counted', () => {
  it('moves learners from a version without packages to the first one with them', async () => {
    const me = await learner();
    const db = await getDb();
    const enrolment = await getEnrolment(me.id, COURSE);
    if (!enrolment) throw new Error('not enrolled');
    const [current] = await db.select().from(courseVersions).where(eq(courseVersions.id, enrolment.versionId));
    if (!current) throw new Error('no version');
    // The version as an earlier Tilts wrote it: structure hashed without packages, none recorded.
    const loaded = loadCourse(join(root, COURSE));
    if (!loaded.ok) throw new Error('course invalid');
    const [old] = await db
      .insert(courseVersions)
      .values({
        courseId: current.courseId,
        version: current.version,
        contentHash: 'before-scorm',
        structureHash: loaded.course.legacyStructureHash,
        definition: current.definition,
        lessons: current.lessons,
        scorm: {},
      })
      .returning({ id: courseVersions.id });
    if (!old) throw new Error('not inserted');
    await db.update(enrolments).set({ courseVersionId: old.id }).where(eq(enrolments.id, enrolment.id));
    await db.update(courses).set({ currentVersionId: old.id }).where(eq(courses.id, current.courseId));
    const report = (await syncCourses(root)).find((r) => r.slug === COURSE);
    expect(report?.movedEnrolments).toBeGreaterThanOrEqual(1);
    const after = await getEnrolment(me.id, COURSE);
    expect(after?.versionId).toBe(current.id);
    expect((await play(me, 'unload', null)).launch?.api).toBe('1.2');
  });
});
