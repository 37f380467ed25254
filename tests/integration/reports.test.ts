import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { getDb } from '../../src/lib/db.ts';
import { rigaToUtc } from '../../src/lib/cohorts/riga-time.ts';
import { syncCourses } from '../../src/lib/courses/sync.ts';
import { definitionOf } from '../../src/lib/courses/versions.ts';
import { translator } from '../../src/lib/i18n/translate.ts';
import { anonymiseUser } from '../../src/lib/users/privacy.ts';
import { reportDataVersion } from '../../src/lib/reports/data-version.ts';
import { loadParticipations } from '../../src/lib/reports/facts.ts';
import { countBy, totals } from '../../src/lib/reports/indicators.ts';
import { participantHeader, participantRows } from '../../src/lib/reports/participants.ts';
import { computeReport, projectReport, DIMENSIONS } from '../../src/lib/reports/report.ts';
import { breakdownTable, targetsTable, totalsTable } from '../../src/lib/reports/tables.ts';
import { currentTargets, setTargets } from '../../src/lib/reports/targets.ts';
import { workbook } from '../../src/lib/reports/workbook.ts';
import { listAuditEvents } from '../../src/lib/audit/index.ts';
import { TEST_DATA_DIR } from '../setup/paths.ts';

/**
 * A small project built by hand, with every figure worked out on paper (see the comments):
 * a person with two courses, a person who changed sector and institution, a revoked and a
 * reissued certificate, an erased person, a cancelled session and a learner not yet started.
 */
const root = join(TEST_DATA_DIR, `report-courses-${process.pid}`);
const noon = (date: string) => rigaToUtc(date, '12:00').getTime();
const s = (date: string) => Math.floor(noon(date) / 1000);
let ids: Record<string, number> = {};

async function run(statement: ReturnType<typeof sql>) {
  const db = await getDb();
  return db.run(statement);
}
async function insertId(statement: ReturnType<typeof sql>): Promise<number> {
  const db = await getDb();
  const row = await db.get<{ id: number }>(sql`${statement} RETURNING id`);
  if (!row) throw new Error('no id');
  return row.id;
}

beforeAll(async () => {
  mkdirSync(root, { recursive: true });
  cpSync('tests/fixtures/courses/sample-course', join(root, 'sample-course'), { recursive: true });
  cpSync('tests/fixtures/courses/sample-course', join(root, 'second-course'), { recursive: true });
  const yaml = join(root, 'second-course', 'course.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/slug: ['"]?sample-course['"]?/, 'slug: second-course'));
  await syncCourses(root);
  const db = await getDb();
  const courses = await db.all<{ id: number; slug: string }>(sql`SELECT id, slug FROM courses`);
  const c1 = courses.find((c) => c.slug === 'sample-course')?.id ?? 0;
  const c2 = courses.find((c) => c.slug === 'second-course')?.id ?? 0;
  const version = async (id: number) =>
    (await db.get<{ v: number }>(sql`SELECT current_version_id AS v FROM courses WHERE id = ${id}`))?.v ?? 0;
  const [v1, v2] = [await version(c1), await version(c2)];

  const instA = await insertId(
    sql`INSERT INTO institutions (name, registration_number, sector, region) VALUES ('Rīgas 1. skola', 'R-A', 'education', 'riga')`,
  );
  const instB = await insertId(
    sql`INSERT INTO institutions (name, registration_number, sector, region) VALUES ('Daugavpils slimnīca', 'R-B', 'health', 'latgale')`,
  );
  const user = (email: string, sector: string, region: string, inst: number | null) =>
    insertId(
      sql`INSERT INTO users (email, name, role, sector, region, institution_id) VALUES (${email}, ${email}, 'learner', ${sector}, ${region}, ${inst})`,
    );
  const anna = await user('anna@example.lv', 'education', 'riga', instA);
  const bruno = await user('bruno@example.lv', 'education', 'riga', instA);
  const cilda = await user('cilda@example.lv', 'health', 'latgale', instB);
  const dace = await user('dace@example.lv', 'police', 'kurzeme', null);
  const coordinator = await insertId(
    sql`INSERT INTO users (email, name, role, sector, region, institution_id) VALUES ('koord@example.lv', 'Koordinatore', 'coordinator', 'health', 'latgale', ${instB})`,
  );
  await run(sql`INSERT INTO coordinator_institutions (user_id, institution_id) VALUES (${coordinator}, ${instB})`);

  const enrol = (u: number, c: number, v: number, enrolled: string, started: string | null, completed: string | null) =>
    insertId(sql`INSERT INTO enrolments (user_id, course_id, course_version_id, enrolled_at, started_at, completed_at)
      VALUES (${u}, ${c}, ${v}, ${s(enrolled)}, ${started && s(started)}, ${completed && s(completed)})`);
  // Anna (education, school A): two courses, both completed and certified.
  const a1 = await enrol(anna, c1, v1, '2025-01-10', '2025-01-11', '2025-02-01');
  const a2 = await enrol(anna, c2, v2, '2025-04-05', '2025-04-06', '2025-05-01');
  // Bruno: course 1 as a teacher at school A (completed; certificate revoked)…
  const b1 = await enrol(bruno, c1, v1, '2025-01-20', '2025-01-21', '2025-03-10');
  // …then moves to the hospital (health, Latgale) and starts course 2 there.
  await run(sql`UPDATE users SET sector = 'health', region = 'latgale', institution_id = ${instB} WHERE id = ${bruno}`);
  await enrol(bruno, c2, v2, '2025-06-01', '2025-06-02', null);
  // Cilda (health, hospital B): completed with pre 40 → post 70; certificate reissued; later erased.
  const cl1 = await enrol(cilda, c1, v1, '2025-02-15', '2025-02-15', '2025-03-01');
  // Dace (police, no institution): enrolled, never started.
  await enrol(dace, c1, v1, '2025-08-01', null, null);

  const certificate = async (number: string, u: number, c: number, e: number, issued: string, extra = sql``) =>
    insertId(sql`INSERT INTO certificates (number, year, seq, verification_code, user_id, course_id, enrolment_id,
      holder_name, course_title, hours, template, completed_at, issued_at) VALUES (${number}, 2025, ${Number(number.slice(-3))},
      ${`code-${number}`}, ${u}, ${c}, ${e}, 'X', '{"lv":"K","en":"C"}', 2, 'default', ${s(issued)}, ${s(issued)}) ${extra}`);
  await certificate('LV-ICC-2025-001', anna, c1, a1, '2025-02-01');
  await certificate('LV-ICC-2025-002', anna, c2, a2, '2025-05-01');
  const revoked = await certificate('LV-ICC-2025-003', bruno, c1, b1, '2025-03-10');
  await run(
    sql`UPDATE certificates SET revoked_at = ${s('2025-04-01')}, revoked_reason = 'error' WHERE id = ${revoked}`,
  );
  const first = await certificate('LV-ICC-2025-004', cilda, c1, cl1, '2025-03-01');
  // Reissuing marks the old one replaced first (one current certificate per enrolment).
  await run(sql`UPDATE certificates SET replaced_by_id = 0 WHERE id = ${first}`);
  const reissue = await insertId(sql`INSERT INTO certificates (number, year, seq, verification_code, user_id, course_id,
      enrolment_id, holder_name, course_title, hours, template, completed_at, issued_at) VALUES ('LV-ICC-2025-005', 2025, 5,
      'code-5', ${cilda}, ${c1}, ${cl1}, 'X', '{"lv":"K","en":"C"}', 2, 'default', ${s('2025-03-01')}, ${s('2025-07-01')})`);
  await run(sql`UPDATE certificates SET replaced_by_id = ${reissue} WHERE id = ${first}`);

  const survey = async (e: number, u: number, c: number, at: string, useful: number) => {
    const id =
      await insertId(sql`INSERT INTO survey_responses (enrolment_id, user_id, course_id, activity_id, survey_id, submitted_at)
      VALUES (${e}, ${u}, ${c}, 'survey', 'end-of-course', ${noon(at)})`);
    await run(
      sql`INSERT INTO survey_answers (response_id, item_id, value) VALUES (${id}, 'useful', ${useful}), (${id}, 'will-use', 3)`,
    );
  };
  await survey(a1, anna, c1, '2025-02-02', 5);
  await survey(a2, anna, c2, '2025-05-02', 2);
  await survey(cl1, cilda, c1, '2025-03-02', 4);

  const attempt = (
    e: number,
    u: number,
    activity: string,
    quiz: string,
    percent: number,
    startedAt: string,
    closedAt: string,
  ) =>
    run(sql`INSERT INTO quiz_attempts (enrolment_id, user_id, activity_id, quiz_id, number, status, started_at, closed_at, layout, percent, passed, revision)
      VALUES (${e}, ${u}, ${activity}, ${quiz}, 1, 'submitted', ${noon(startedAt)}, ${noon(closedAt) + 60_000}, '{"questions":[]}', ${percent}, 1, 3)`);
  const definition = await definitionOf(v1);
  const final = definition?.modules.flatMap((m) => m.activities).find((a) => a.id === 'final');
  const postQuiz = final?.kind === 'quiz' ? final.quiz : 'final';
  await attempt(a1, anna, 'pre-test', 'pre-test', 50, '2025-01-11', '2025-01-11');
  await attempt(a1, anna, 'final', postQuiz, 90, '2025-01-31', '2025-01-31');
  await attempt(cl1, cilda, 'pre-test', 'pre-test', 40, '2025-02-15', '2025-02-15');
  await attempt(cl1, cilda, 'final', postQuiz, 70, '2025-02-28', '2025-02-28');

  // A group of course 1 with Anna and Cilda: two sessions held, one cancelled.
  const cohort =
    await insertId(sql`INSERT INTO cohorts (course_id, name, mode, region, starts_on, ends_on, capacity, created_at)
    VALUES (${c1}, 'Rīgas grupa', 'blended', 'riga', '2025-01-01', '2025-03-31', 20, ${noon('2025-01-01')})`);
  await run(sql`INSERT INTO cohort_members (cohort_id, user_id, status, source, joined_at) VALUES
    (${cohort}, ${anna}, 'enrolled', 'added', ${noon('2025-01-10')}), (${cohort}, ${cilda}, 'enrolled', 'added', ${noon('2025-02-15')})`);
  const session = (date: string, cancelled: boolean) =>
    insertId(sql`INSERT INTO cohort_sessions (cohort_id, starts_at, duration_minutes, cancelled_at, updated_at)
      VALUES (${cohort}, ${noon(date)}, 90, ${cancelled ? noon(date) : null}, ${noon(date)})`);
  const s1 = await session('2025-01-25', false);
  const s2 = await session('2025-02-20', false);
  const s3 = await session('2025-03-05', true);
  await run(sql`INSERT INTO attendance (session_id, user_id, status, marked_at) VALUES
    (${s1}, ${anna}, 'present', 0), (${s2}, ${anna}, 'present', 0), (${s1}, ${cilda}, 'absent', 0),
    (${s2}, ${cilda}, 'late', 0), (${s3}, ${anna}, 'excused', 0)`);

  ids = { c1, c2, instA, instB, anna, bruno, cilda, dace, coordinator, cohort };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const all = { from: null, to: null };

describe('the indicators on a hand-built project', () => {
  it('counts people once and completions per course, over the whole period', async () => {
    const report = await computeReport(all, null);
    expect(report.totals).toEqual({
      enrolled: 4, // Anna, Bruno, Cilda, Dace
      started: 3, // all but Dace
      completed: 3, // Anna (twice: one person), Bruno, Cilda
      completions: 4,
      certified: 2, // Anna; Cilda (reissued: once); Bruno's was revoked
      useful: 2, // Anna (5 in course 1; 2 in course 2), Cilda (4)
      respondents: 2,
      attended: 2, // Anna present twice; Cilda late once (absent once)
      marks: 4, // the cancelled session's mark does not count
      attendedMarks: 3,
      attendanceRate: 75,
      knowledgeGain: 35, // Anna 50 → 90, Cilda 40 → 70
      meanPre: 45,
      meanPost: 80,
      gainParticipations: 2,
    });
  });

  it('puts a participation in the sector, region and institution the person had when enrolling', async () => {
    const report = await computeReport(all, null);
    const by = (dimension: 'sector' | 'region' | 'institution', key: string) =>
      report.breakdowns[dimension].find((r) => r.key === key)?.figures;
    // Bruno is in education (course 1) and in health (course 2): one person in the total.
    expect(by('sector', 'education')).toMatchObject({
      enrolled: 2,
      started: 2,
      completed: 2,
      completions: 3,
      certified: 1,
      useful: 1,
      attended: 1,
    });
    expect(by('sector', 'health')).toMatchObject({
      enrolled: 2,
      started: 2,
      completed: 1,
      completions: 1,
      certified: 1,
      useful: 1,
      attended: 1,
    });
    expect(by('sector', 'police')).toMatchObject({ enrolled: 1, started: 0, completed: 0 });
    expect(by('region', 'riga')).toMatchObject({ enrolled: 2, completed: 2 });
    expect(by('region', 'latgale')).toMatchObject({ enrolled: 2, completed: 1 });
    expect(by('institution', String(ids['instB']))).toMatchObject({ enrolled: 2, completed: 1, certified: 1 });
    expect(by('institution', 'none')).toMatchObject({ enrolled: 1 });
    const cohort = report.breakdowns.cohort.find((r) => r.key === String(ids['cohort']));
    expect(cohort).toMatchObject({ label: 'Rīgas grupa', figures: { enrolled: 2, attended: 2, attendanceRate: 75 } });
    const course1 = report.breakdowns.course.find((r) => r.key === String(ids['c1']))?.figures;
    expect(course1).toMatchObject({ enrolled: 4, completed: 3, certified: 2 });
  });

  it('counts each event in its own quarter and builds the cumulative trend', async () => {
    const report = await computeReport({ from: '2025-01-01', to: '2025-12-31' }, null);
    const q = (key: string) => report.breakdowns.quarter.find((r) => r.key === key)?.figures;
    expect(report.breakdowns.quarter.map((r) => r.key)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(q('2025-Q1')).toMatchObject({ enrolled: 3, completed: 3, certified: 2, useful: 2, attended: 2 });
    expect(q('2025-Q2')).toMatchObject({
      enrolled: 2,
      started: 2,
      completed: 1,
      certified: 1,
      useful: 0,
      respondents: 1,
    });
    expect(q('2025-Q3')).toMatchObject({ enrolled: 1, completed: 0, certified: 0 });
    expect(report.trend.cumulative.completed).toEqual([3, 3, 3, 3]);
    // Anna and Bruno enrol again in Q2 (no new person); Dace is new in Q3.
    expect(report.trend.cumulative.enrolled).toEqual([3, 3, 4, 4]);
    expect(report.trend.cumulative.certified).toEqual([2, 2, 2, 2]);
  });

  it('filters by period (what happened in it) and by sector', async () => {
    const q2 = await computeReport({ from: '2025-04-01', to: '2025-06-30' }, null);
    expect(q2.totals).toMatchObject({
      enrolled: 2,
      started: 2,
      completed: 1,
      completions: 1,
      certified: 1,
      useful: 0,
      respondents: 1,
      attended: 0,
      knowledgeGain: null,
      attendanceRate: null,
    });
    const health = await computeReport({ ...all, sector: 'health' }, null);
    expect(health.totals).toMatchObject({ enrolled: 2, completed: 1, certified: 1, knowledgeGain: 30 });
  });

  it("limits a coordinator to their institutions' participations and refuses another institution", async () => {
    const coordinator = {
      id: ids['coordinator'] ?? 0,
      email: 'koord@example.lv',
      name: 'K',
      role: 'coordinator' as const,
      locale: 'lv' as const,
      sector: 'health' as const,
      region: 'latgale' as const,
      institutionId: ids['instB'] ?? null,
    };
    const report = await projectReport(coordinator, all);
    expect(report.institutionIds).toEqual([ids['instB']]);
    expect(report.totals).toMatchObject({ enrolled: 2, started: 2, completed: 1, certified: 1 });
    await expect(projectReport(coordinator, { ...all, institutionId: ids['instA'] ?? 0 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(projectReport({ ...coordinator, role: 'learner' }, all)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('changes no figure when a person erases their data', async () => {
    const before = totals(await loadParticipations(), all);
    await anonymiseUser(ids['cilda'] ?? 0);
    const after = totals(await loadParticipations(), all);
    expect(after).toEqual(before);
    expect((await computeReport(all, null)).totals).toEqual(before);
  });
});

describe('the report data version', () => {
  it('moves with what reports count and not with a learner opening a page', async () => {
    const db = await getDb();
    const start = await reportDataVersion();
    await db.run(sql`UPDATE enrolments SET last_activity_id = 'two' WHERE user_id = ${ids['dace'] ?? 0}`);
    expect(await reportDataVersion()).toBe(start);
    await db.run(sql`UPDATE enrolments SET started_at = ${s('2025-08-02')} WHERE user_id = ${ids['dace'] ?? 0}`);
    expect(await reportDataVersion()).toBe(start + 1);
    expect((await computeReport(all, null)).totals.started).toBe(4);
    await db.run(sql`UPDATE enrolments SET started_at = NULL WHERE user_id = ${ids['dace'] ?? 0}`);
  });

  it('records the sector, region and institution of a new enrolment from the person', async () => {
    const db = await getDb();
    const row = await db.get<{ sector: string; region: string; institution_id: number }>(
      sql`SELECT sector, region, institution_id FROM enrolments WHERE user_id = ${ids['bruno'] ?? 0} AND course_id = ${ids['c2'] ?? 0}`,
    );
    expect(row).toEqual({ sector: 'health', region: 'latgale', institution_id: ids['instB'] });
  });
});

describe('targets', () => {
  it('starts from the defaults, lets an admin change them with an audit event each, and reports against them', async () => {
    const before = await currentTargets();
    expect(before.find((x) => x.indicator === 'completed' && x.sector === 'all')).toMatchObject({ source: 'default' });
    const admin = ids['anna'] ?? 0;
    const changed = await setTargets(admin, [
      { indicator: 'completed', sector: 'all', value: 6 },
      { indicator: 'enrolled', sector: 'police', value: null },
      { indicator: 'useful', sector: 'health', value: 4 },
    ]);
    expect(changed).toBe(3);
    expect(await setTargets(admin, [{ indicator: 'completed', sector: 'all', value: 6 }])).toBe(0);
    const events = await listAuditEvents({ action: 'target_changed' });
    expect(events).toHaveLength(3);
    expect(events.map((e) => e.details)).toContainEqual({
      indicator: 'completed',
      sector: 'all',
      from: expect.any(Number),
      to: 6,
    });
    const report = await computeReport(all, null);
    const t = translator('en');
    const rows = targetsTable(report, t).rows;
    expect(rows).toContainEqual(['All sectors', 'all', 'Completed', 'completed', 3, 6, 50]);
    expect(rows).toContainEqual(['Healthcare', 'health', 'Found it useful', 'useful', 1, 4, 25]);
    expect(rows.find((r) => r[1] === 'police' && r[3] === 'enrolled')?.[5]).toBeNull();
  });
});

describe('exports', () => {
  it('lists participants with personal data for admins only', async () => {
    const t = translator('en');
    const admin = [];
    for await (const row of participantRows(all, null, true, t)) admin.push(row);
    expect(admin).toHaveLength(6);
    expect(participantHeader(true, t)).toContain('E-mail');
    const annaRow = admin.find((r) => r[2] === 'anna@example.lv' && r[6] === 'sample-course');
    expect(annaRow).toEqual([
      ids['anna'],
      'anna@example.lv',
      'anna@example.lv',
      'Education',
      'Rīgas 1. skola',
      'Rīga region',
      'sample-course',
      'Rīgas grupa',
      '2025-01-10',
      '2025-01-11',
      '2025-02-01',
      'LV-ICC-2025-001',
      'valid',
      5,
      2,
      null,
    ]);
    const brunoRevoked = admin.find((r) => r[0] === ids['bruno'] && r[6] === 'sample-course');
    expect(brunoRevoked?.[12]).toBe('revoked');
    const coordinator = [];
    for await (const row of participantRows(all, [ids['instB'] ?? 0], false, t)) coordinator.push(row);
    expect(coordinator).toHaveLength(2);
    expect(participantHeader(false, t)).not.toContain('E-mail');
    expect(coordinator.flat()).not.toContain('bruno@example.lv');
    expect(coordinator.every((r) => r.length === participantHeader(false, t).length)).toBe(true);
  });

  it('writes an XLSX workbook whose cells match the report', async () => {
    const t = translator('en');
    const report = await computeReport(all, null);
    const buffer = await workbook([
      totalsTable(report, t),
      ...DIMENSIONS.map((d) => breakdownTable(report, d, t, 'en')),
    ]);
    // Read back independently of the writer: unzip and parse the sheet XML.
    const files = unzipSync(new Uint8Array(buffer));
    const parser = new XMLParser({ ignoreAttributes: false });
    const book = parser.parse(strFromU8(files['xl/workbook.xml'] ?? new Uint8Array()));
    const names = [book.workbook.sheets.sheet].flat().map((sh: Record<string, string>) => sh['@_name']);
    expect(names).toEqual(['Totals', 'sector', 'region', 'institution', 'course', 'group', 'quarter']);
    const shared = files['xl/sharedStrings.xml']
      ? [parser.parse(strFromU8(files['xl/sharedStrings.xml'])).sst.si]
          .flat()
          .map((si: { t: unknown }) =>
            String(typeof si.t === 'object' ? (si.t as Record<string, unknown>)['#text'] : si.t),
          )
      : [];
    const sheet = parser.parse(strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array()));
    const cells = new Map<string, string | number>();
    for (const row of [sheet.worksheet.sheetData.row].flat()) {
      for (const c of [row.c].flat()) {
        if (!c) continue;
        const raw = c.v ?? c.is?.t;
        cells.set(
          c['@_r'],
          c['@_t'] === 's' ? (shared[Number(raw)] ?? '') : c['@_t'] === 'inlineStr' ? String(raw) : Number(raw),
        );
      }
    }
    expect(cells.get('A1')).toBe('Indicator');
    expect(cells.get('A2')).toBe('Enrolled');
    expect(cells.get('C2')).toBe(4);
    expect(cells.get('B4')).toBe('completed');
    expect(cells.get('C4')).toBe(3);
    expect(cells.get('C9')).toBe(35); // knowledge gain
    expect(cells.get('C10')).toBe(75); // attendance rate
  });
});

// Last: it changes the data the tests above count.
describe('reading again only the people a change touched', () => {
  it('gives after every kind of change exactly the figures of a full read', async () => {
    const db = await getDb();
    await computeReport(all, null); // participations cached
    const anna = ids['anna'] ?? 0;
    const cohort = ids['cohort'] ?? 0;
    const changes = [
      sql`INSERT INTO enrolments (user_id, course_id, course_version_id, enrolled_at, started_at, completed_at)
          SELECT ${ids['dace'] ?? 0}, ${ids['c2'] ?? 0}, current_version_id, ${s('2025-09-01')}, ${s('2025-09-02')}, ${s('2025-09-20')}
          FROM courses WHERE id = ${ids['c2'] ?? 0}`,
      sql`UPDATE certificates SET revoked_at = ${s('2025-10-01')}, revoked_reason = 'test' WHERE number = 'LV-ICC-2025-002'`,
      sql`UPDATE survey_answers SET value = 1 WHERE item_id = 'useful' AND response_id = (SELECT min(id) FROM survey_responses)`,
      sql`UPDATE cohort_sessions SET cancelled_at = ${noon('2025-01-25')} WHERE cohort_id = ${cohort} AND starts_at = ${noon('2025-01-25')}`,
      sql`DELETE FROM quiz_attempts WHERE user_id = ${anna} AND activity_id = 'pre-test'`,
      sql`DELETE FROM cohort_members WHERE user_id = ${anna}`,
    ];
    for (const change of changes) {
      const before = await reportDataVersion();
      await db.run(change);
      expect(await reportDataVersion()).toBeGreaterThan(before);
      const logged = await db.all<{ userId: number | null }>(
        sql`SELECT DISTINCT user_id AS userId FROM report_changes WHERE version >= ${before}`,
      );
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.every((r) => r.userId !== null)).toBe(true);
      const incremental = await computeReport(all, null);
      const full = await loadParticipations();
      expect(incremental.totals).toEqual(totals(full, all));
      expect(incremental.breakdowns.sector.map((r) => [r.key, r.figures])).toEqual(
        [...countBy(full, all, (p) => p.sector)].sort(
          (a, b) => b[1].enrolled - a[1].enrolled || a[0].localeCompare(b[0]),
        ),
      );
    }
  });
});
