import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCertificate } from '../../src/lib/certificates/issue.ts';
import { markAttendance } from '../../src/lib/cohorts/attendance.ts';
import { canViewCohort, createCohort, setInviteCode } from '../../src/lib/cohorts/cohorts.ts';
import { addMembers, joinByCode, leaveCohort, membersOf, removeMember } from '../../src/lib/cohorts/membership.ts';
import { groupsOfLearner } from '../../src/lib/cohorts/session-documents.ts';
import { cohortsWithMyStaff } from '../../src/lib/cohorts/coordinator-view.ts';
import { cohortProgress } from '../../src/lib/cohorts/progress.ts';
import { cohortInputSchema, sessionInputSchema } from '../../src/lib/cohorts/schemas.ts';
import { applyRoster, previewRoster } from '../../src/lib/cohorts/roster-import.ts';
import { findUserByEmail } from '../../src/lib/users/queries.ts';
import { cancelSession, scheduleSession } from '../../src/lib/cohorts/sessions.ts';
import { completeLesson, getEnrolment } from '../../src/lib/courses/learning.ts';
import { syncCourses } from '../../src/lib/courses/sync.ts';
import { AppError } from '../../src/lib/errors.ts';
import { seedInstitutions } from '../../db/seed/seed.ts';
import { TEST_DATA_DIR } from '../setup/paths.ts';
import { createUser, sessionOf } from '../factories.ts';

const root = join(TEST_DATA_DIR, `cohort-courses-${process.pid}`);
const COURSE = 'cohort-course';

/** The sample course turned into a blended one: a required workshop and ≥ 80 % attendance. */
beforeAll(async () => {
  mkdirSync(root, { recursive: true });
  cpSync('tests/fixtures/courses/sample-course', join(root, COURSE), { recursive: true });
  const file = join(root, COURSE, 'course.yaml');
  const yaml = readFileSync(file, 'utf8')
    .replace('slug: sample-course', `slug: ${COURSE}`)
    .replace('hours: 2', 'hours: 2\nselfEnrolment: false\ncompletion: { minAttendancePercent: 80 }')
    .replace(
      '      - { id: two, kind: lesson,',
      "      - { id: workshop, kind: session, title: { lv: 'Darbnīca', en: 'Workshop' } }\n      - { id: two, kind: lesson,",
    );
  writeFileSync(file, yaml);
  const [report] = await syncCourses(root);
  if (report?.outcome === 'invalid') throw new Error(JSON.stringify(report));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const code = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return `${error.code} ${error.messageKey}`;
    throw error;
  }
};

async function trainerWithCohort(capacity = 25) {
  const { user } = await createUser({ role: 'trainer' });
  const trainer = sessionOf(user);
  const cohort = await createCohort(
    trainer,
    cohortInputSchema.parse({
      courseSlug: COURSE,
      name: 'Daugavpils skolotāji, 2026. gada pavasaris',
      mode: 'blended',
      region: 'latgale',
      venue: 'Daugavpils, Saules iela 1',
      startsOn: '2026-03-01',
      endsOn: '2026-04-30',
      capacity,
    }),
  );
  return { trainer, cohort };
}

const session = (date: string, time: string, extra: Partial<Record<string, unknown>> = {}) =>
  sessionInputSchema.parse({
    title: null,
    date,
    time,
    durationMinutes: 180,
    venue: null,
    meetingUrl: null,
    activityId: null,
    ...extra,
  });

describe('cohorts', () => {
  it('lets learners join by code up to the capacity, then onto a waiting list that moves up', async () => {
    const { trainer, cohort } = await trainerWithCohort(2);
    const people = await Promise.all([1, 2, 3].map(async () => sessionOf((await createUser()).user)));
    const results = await Promise.all(people.map((p) => joinByCode(p, (cohort.inviteCode ?? '').toUpperCase())));
    expect(results.map((r) => r.status).sort()).toEqual(['enrolled', 'enrolled', 'waiting']);
    // Enrolled members are in the course (closed to self-enrolment) — the waiting one is not yet.
    const waiting = people[results.findIndex((r) => r.status === 'waiting')];
    const enrolled = people.filter((p) => p !== waiting);
    for (const p of enrolled) expect(await getEnrolment(p.id, COURSE)).not.toBeNull();
    expect(await getEnrolment(waiting?.id ?? 0, COURSE)).toBeNull();
    // Joining twice changes nothing.
    expect((await joinByCode(enrolled[0] ?? trainer, cohort.inviteCode ?? '')).status).toBe('enrolled');
    expect(await removeMember(trainer, cohort.id, enrolled[0]?.id ?? 0)).toBe(waiting?.id);
    expect(await getEnrolment(waiting?.id ?? 0, COURSE)).not.toBeNull();
    expect((await membersOf(trainer, cohort.id)).map((m) => m.status)).toEqual(['enrolled', 'enrolled']);
    // A learner leaving frees a place for the next on the waiting list.
    const late = sessionOf((await createUser()).user);
    expect((await joinByCode(late, cohort.inviteCode ?? '')).status).toBe('waiting');
    expect((await groupsOfLearner(late.id)).groups.map((g) => g.status)).toEqual(['waiting']);
    await leaveCohort(waiting ?? trainer, cohort.id);
    expect((await groupsOfLearner(late.id)).groups.map((g) => g.status)).toEqual(['enrolled']);
    expect(await code(leaveCohort(waiting ?? trainer, cohort.id))).toBe('NOT_FOUND error.cohort.notFound');
  });

  it('refuses unknown, malformed and closed codes; a regenerated code replaces the old one', async () => {
    const { trainer, cohort } = await trainerWithCohort();
    const learner = sessionOf((await createUser()).user);
    expect(await code(joinByCode(learner, 'aaaaaaaaaa'))).toBe('NOT_FOUND error.cohort.codeUnknown');
    expect(await code(joinByCode(learner, "x' or 1=1 --"))).toBe('NOT_FOUND error.cohort.codeUnknown');
    const fresh = await setInviteCode(trainer, cohort.id, true);
    expect(await code(joinByCode(learner, cohort.inviteCode ?? ''))).toBe('NOT_FOUND error.cohort.codeUnknown');
    await setInviteCode(trainer, cohort.id, false);
    expect(await code(joinByCode(learner, fresh ?? ''))).toBe('NOT_FOUND error.cohort.codeUnknown');
  });

  it('lets only its trainers (and admins) manage a cohort; members and their coordinators may view it', async () => {
    const { trainer, cohort } = await trainerWithCohort();
    const otherTrainer = sessionOf((await createUser({ role: 'trainer' })).user);
    const learner = sessionOf((await createUser()).user);
    const admin = sessionOf((await createUser({ role: 'admin' })).user);
    expect(await code(membersOf(otherTrainer, cohort.id))).toBe('NOT_FOUND error.cohort.notFound');
    expect(await code(addMembers(learner, cohort.id, [learner.id]))).toBe('NOT_FOUND error.cohort.notFound');
    expect(await code(scheduleSession(otherTrainer, cohort.id, session('2026-03-10', '10:00')))).toBe(
      'NOT_FOUND error.cohort.notFound',
    );
    expect(await code(membersOf(admin, cohort.id))).toBe('ok');
    await addMembers(trainer, cohort.id, [learner.id]);
    expect(await canViewCohort(learner, cohort.id)).toBe(true);
    const institutions = [...(await seedInstitutions()).values()];
    const staff = (await createUser({ institutionId: institutions[3] })).user;
    await addMembers(trainer, cohort.id, [staff.id]);
    const coordinator = sessionOf(
      (await createUser({ role: 'coordinator', coordinatedInstitutionIds: [institutions[3] ?? 0] })).user,
    );
    const otherCoordinator = sessionOf(
      (await createUser({ role: 'coordinator', coordinatedInstitutionIds: [institutions[4] ?? 0] })).user,
    );
    expect(await canViewCohort(coordinator, cohort.id)).toBe(true);
    expect(await canViewCohort(otherCoordinator, cohort.id)).toBe(false);
    // The coordinator's read-only view lists her staff in the cohort, and nobody else.
    const seen = (await cohortsWithMyStaff(coordinator)).find((g) => g.cohort.id === cohort.id);
    expect(seen?.staff.map((p) => p.name)).toEqual([staff.name]);
    expect((await cohortsWithMyStaff(otherCoordinator)).some((g) => g.cohort.id === cohort.id)).toBe(false);
    expect(await canViewCohort(sessionOf((await createUser()).user), cohort.id)).toBe(false);
  });

  it('schedules sessions in Riga time, refusing double bookings and times that do not exist', async () => {
    const { trainer, cohort } = await trainerWithCohort();
    const first = await scheduleSession(trainer, cohort.id, session('2026-03-28', '10:00'));
    expect(first.startsAt.toISOString()).toBe('2026-03-28T08:00:00.000Z'); // EET, UTC+2
    const summer = await scheduleSession(trainer, cohort.id, session('2026-03-30', '10:00'));
    expect(summer.startsAt.toISOString()).toBe('2026-03-30T07:00:00.000Z'); // EEST, UTC+3
    expect(await code(scheduleSession(trainer, cohort.id, session('2026-03-28', '12:00')))).toBe(
      'CONFLICT error.cohort.doubleBooked',
    );
    expect(await code(scheduleSession(trainer, cohort.id, session('2026-03-29', '03:30')))).toBe(
      'BAD_REQUEST error.cohort.timeDoesNotExist',
    );
    expect(await code(scheduleSession(trainer, cohort.id, session('2026-04-02', '10:00', { activityId: 'one' })))).toBe(
      'BAD_REQUEST error.cohort.notASessionActivity',
    );
    // The same trainer cannot be in another cohort's session at the same time either.
    const second = await createCohort(trainer, cohortInputSchema.parse({ ...cohortBase(), name: 'Otra grupa' }));
    expect(await code(scheduleSession(trainer, second.id, session('2026-03-28', '11:00')))).toBe(
      'CONFLICT error.cohort.doubleBooked',
    );
    // A cancelled session frees its time.
    await cancelSession(trainer, first.id);
    expect(await code(scheduleSession(trainer, second.id, session('2026-03-28', '11:00')))).toBe('ok');
  });

  it('counts attendance toward completion: the certificate waits for ≥ 80 % and the workshop', async () => {
    const { trainer, cohort } = await trainerWithCohort();
    const learner = sessionOf((await createUser({ name: 'Ērika Šķēle' })).user);
    const outsider = sessionOf((await createUser()).user);
    await joinByCode(learner, cohort.inviteCode ?? '');
    const workshop = await scheduleSession(
      trainer,
      cohort.id,
      session('2026-04-10', '10:00', { activityId: 'workshop' }),
    );
    const followUp = await scheduleSession(trainer, cohort.id, session('2026-04-20', '10:00'));
    await completeLesson(learner.id, COURSE, 'one');
    await completeLesson(learner.id, COURSE, 'two');
    let enrolment = await getEnrolment(learner.id, COURSE);
    expect(enrolment?.completedAt).toBeNull(); // the workshop and the attendance are missing

    // Attendance for someone not in the cohort is refused, and nothing of the batch is written.
    expect(
      await code(
        markAttendance(trainer, workshop.id, [
          { userId: learner.id, status: 'present' },
          { userId: outsider.id, status: 'present' },
        ]),
      ),
    ).toBe('BAD_REQUEST error.cohort.notInCohort');
    expect((await getEnrolment(learner.id, COURSE))?.completed.has('workshop')).toBe(false);

    await markAttendance(trainer, workshop.id, [{ userId: learner.id, status: 'present' }]);
    enrolment = await getEnrolment(learner.id, COURSE);
    expect(enrolment?.completed.has('workshop')).toBe(true);
    expect(enrolment?.completedAt).toBeNull(); // 1 of 2 sessions: 50 % < 80 %
    await markAttendance(trainer, followUp.id, [{ userId: learner.id, status: 'excused' }]);
    expect((await getEnrolment(learner.id, COURSE))?.completedAt).toBeNull(); // excused is not attended
    await markAttendance(trainer, followUp.id, [{ userId: learner.id, status: 'late' }]);
    enrolment = await getEnrolment(learner.id, COURSE);
    expect(enrolment?.completedAt).not.toBeNull();
    expect(await currentCertificate(enrolment?.id ?? 0)).toMatchObject({ holderName: 'Ērika Šķēle' });
    const matrix = await cohortProgress(trainer, cohort.id);
    const row = matrix.rows.find((r) => r.userId === learner.id);
    expect(matrix.sessions).toBe(2);
    expect(row).toMatchObject({ attended: 2 });
    expect([...(row?.completed ?? [])].sort()).toEqual(['one', 'two', 'workshop']);
  });
});

describe('importing a roster', () => {
  it('previews every row with its problems, then imports the good rows in one go with invitations', async () => {
    await seedInstitutions();
    const { trainer, cohort } = await trainerWithCohort(20);
    const existing = (await createUser({ email: 'inese.kalnina@dvg.demo' })).user;
    const bytes = new Uint8Array(readFileSync('tests/fixtures/cohorts/teachers-25.csv'));
    const preview = await previewRoster(trainer, cohort.id, bytes);
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.rows).toHaveLength(28);
    expect(
      preview.rows
        .filter((r) => r.problems.length > 0)
        .map((r) => r.problems[0]?.code)
        .sort(),
    ).toEqual(['email.duplicate', 'email.invalid', 'sector.unknown']);
    expect(preview.rows.find((r) => r.email === existing.email)?.existingUserId).toBe(existing.id);
    // Nothing is written by the preview.
    expect(await findUserByEmail('jelena.ivanova@dvg.demo')).toBeNull();

    const result = await applyRoster(trainer, cohort.id, bytes, new URL('http://localhost:4321'));
    expect(result).toEqual({ created: 24, added: 1, enrolled: 20, waiting: 5, skipped: 3 });
    const jelena = await findUserByEmail('jelena.ivanova@dvg.demo');
    expect(jelena).toMatchObject({
      name: 'Jeļena Ivanova',
      sector: 'education',
      passwordHash: null,
      region: 'latgale',
    });
    expect(await getEnrolment(jelena?.id ?? 0, COURSE)).not.toBeNull();
    const members = await membersOf(trainer, cohort.id);
    expect(members.filter((m) => m.status === 'enrolled')).toHaveLength(20);
    expect(members.filter((m) => m.status === 'waiting')).toHaveLength(5);

    // Importing the same file again adds nobody twice.
    const again = await applyRoster(trainer, cohort.id, bytes, new URL('http://localhost:4321'));
    expect(again).toMatchObject({ created: 0, added: 0, skipped: 28 });
  });

  it('refuses a file without the needed columns, or with too many rows, and writes nothing', async () => {
    const { trainer, cohort } = await trainerWithCohort();
    const noColumns = new TextEncoder().encode('Vārds;Tālrunis\nJānis;123\n');
    expect(await previewRoster(trainer, cohort.id, noColumns)).toMatchObject({
      ok: false,
      error: { code: 'file.columnsMissing' },
    });
    const rows = Array.from({ length: 5001 }, (_, i) => `Jānis ${i};janis${i}@example.lv;Izglītība`).join('\n');
    const tooMany = new TextEncoder().encode(`Vārds, uzvārds;E-pasts;Nozare\n${rows}\n`);
    expect(await applyRoster(trainer, cohort.id, tooMany, new URL('http://localhost'))).toMatchObject({
      error: { code: 'file.tooManyRows' },
    });
    expect(await findUserByEmail('janis0@example.lv')).toBeNull();
    const stranger = sessionOf((await createUser({ role: 'trainer' })).user);
    expect(await code(previewRoster(stranger, cohort.id, noColumns))).toBe('NOT_FOUND error.cohort.notFound');
  });
});

function cohortBase() {
  return {
    courseSlug: COURSE,
    mode: 'in_person',
    region: 'latgale',
    venue: null,
    startsOn: '2026-03-01',
    endsOn: '2026-04-30',
    capacity: 10,
  };
}
