import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb } from '../../src/lib/db.ts';
import { resetEnvCache } from '../../src/lib/env/index.ts';
import { REGIONS, SECTORS } from '../../src/lib/reference/index.ts';
import { parseScaleArgs, seedScale, type ScaleResult } from '../../db/seed/scale.ts';
import { BASE_DB, TEST_DATA_DIR } from '../setup/paths.ts';

/**
 * `seed --scale`: 400 learners in this file's fresh database, checked for plausible figures and
 * for consistency (certificates, attempts and surveys only where the enrolment allows them, the
 * erased and the sector changers as the reports expect them); the same seed in a second fresh
 * database gives the same data.
 */
const N = 400;
const SEED = 7;
const NOW = new Date('2026-06-01T00:00:00Z');
let result: ScaleResult;

type Row = Record<string, unknown>;
async function all(query: string): Promise<Row[]> {
  const db = await getDb();
  const rows = (await db.$client.execute(query)).rows;
  return rows.map((r) => ({ ...r }));
}
const rigaYear = (seconds: number) =>
  Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Riga' }).format(seconds * 1000));

async function value(query: string): Promise<number> {
  const [row] = await all(query);
  return Number(Object.values(row ?? {})[0] ?? 0);
}

/** Every generated row except the random secrets (verification and invite codes), hashed. */
async function fingerprint(): Promise<{ counts: Record<string, number>; hash: string }> {
  const tables: [string, string, string][] = [
    ['institutions', '*', 'id'],
    ['users', '*', 'id'],
    ['coordinator_institutions', '*', 'user_id, institution_id'],
    ['enrolments', '*', 'id'],
    ['cohorts', 'id, course_id, name, mode, region, venue, starts_on, ends_on, capacity, created_by, created_at', 'id'],
    ['cohort_trainers', '*', 'cohort_id, user_id'],
    ['cohort_sessions', '*', 'id'],
    ['cohort_members', '*', 'cohort_id, user_id'],
    ['attendance', '*', 'session_id, user_id'],
    ['quiz_attempts', '*', 'id'],
    [
      'certificates',
      'id, number, year, seq, user_id, course_id, enrolment_id, holder_name, course_title, hours, completed_at, issued_at, revoked_at, revoked_reason',
      'id',
    ],
    ['survey_responses', '*', 'id'],
    ['survey_answers', '*', 'response_id, item_id'],
  ];
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const [table, columns, order] of tables) {
    const rows = await all(`SELECT ${columns} FROM ${table} ORDER BY ${order}`);
    counts[table] = rows.length;
    hash.update(JSON.stringify(rows));
  }
  return { counts, hash: hash.digest('hex') };
}

beforeAll(async () => {
  // The shipped courses (COURSES_DIR defaults to ./courses): the generator syncs them first.
  result = await seedScale({ learners: N, seed: SEED, now: NOW });
}, 60_000);

describe('seed --scale', () => {
  it('makes the asked number of learners and plausible figures', async () => {
    const c = result.counts;
    expect(c.learners).toBe(N);
    expect(await value(`SELECT count(*) FROM users WHERE role = 'learner'`)).toBe(N);
    expect(await value(`SELECT count(*) FROM users WHERE role = 'learner' AND password_hash IS NOT NULL`)).toBe(0);
    expect(c.institutions).toBeGreaterThanOrEqual(5);
    expect(c.trainers).toBeGreaterThanOrEqual(1);
    expect(c.coordinators).toBeGreaterThanOrEqual(1);
    expect(await value('SELECT count(*) FROM coordinator_institutions')).toBeGreaterThanOrEqual(c.coordinators);
    expect(c.enrolments).toBeGreaterThanOrEqual(N * 1.3);
    expect(c.enrolments).toBeLessThanOrEqual(N * 2.2);
    expect(c.started / c.enrolments).toBeGreaterThan(0.75);
    expect(c.started / c.enrolments).toBeLessThan(0.95);
    expect(c.completed / c.started).toBeGreaterThan(0.5);
    expect(c.completed / c.started).toBeLessThan(0.8);
    expect(c.certificates / c.completed).toBeGreaterThan(0.85);
    expect(c.certificates).toBeLessThanOrEqual(c.completed);
    expect(c.surveyResponses).toBeLessThanOrEqual(c.completed);
    expect(c.surveyResponses / c.completed).toBeGreaterThan(0.65);
    expect(c.cohorts).toBeGreaterThan(0);
    expect(c.cohortMembers / c.enrolments).toBeGreaterThan(0.3);
    expect(c.cohortMembers / c.enrolments).toBeLessThan(0.5);
    expect(c.sessions).toBeGreaterThan(0);
    expect(c.attendance).toBeGreaterThan(0);
    expect(c.erased).toBeGreaterThan(0);
    expect(c.sectorChanged).toBeGreaterThan(0);
    // What the generator reports is what is in the database.
    const { counts } = await fingerprint();
    expect(counts).toMatchObject({
      institutions: c.institutions,
      users: c.learners + c.trainers + c.coordinators,
      enrolments: c.enrolments,
      cohorts: c.cohorts,
      cohort_members: c.cohortMembers,
      cohort_sessions: c.sessions,
      attendance: c.attendance,
      quiz_attempts: c.quizAttempts,
      certificates: c.certificates,
      survey_responses: c.surveyResponses,
      survey_answers: c.surveyAnswers,
    });
    expect(await value(`SELECT count(*) FROM enrolments WHERE started_at IS NOT NULL`)).toBe(c.started);
    expect(await value(`SELECT count(*) FROM enrolments WHERE completed_at IS NOT NULL`)).toBe(c.completed);
  });

  it('covers every sector and region, Rīga the largest, institutions with unique registration numbers', async () => {
    const sectors = (await all(`SELECT DISTINCT sector FROM enrolments`)).map((r) => r['sector']);
    const regions = (await all(`SELECT DISTINCT region FROM users WHERE role = 'learner'`)).map((r) => r['region']);
    expect(new Set(sectors)).toEqual(new Set(SECTORS));
    expect(new Set(regions)).toEqual(new Set(REGIONS));
    expect(
      new Set((await all(`SELECT DISTINCT sector FROM users WHERE role = 'learner'`)).map((r) => r['sector'])),
    ).toEqual(new Set(SECTORS));
    const byRegion = await all(
      `SELECT region, count(*) AS n FROM users WHERE role = 'learner' GROUP BY region ORDER BY n DESC`,
    );
    expect(byRegion[0]?.['region']).toBe('riga');
    expect(await value(`SELECT count(DISTINCT registration_number) FROM institutions`)).toBe(
      await value(`SELECT count(*) FROM institutions`),
    );
    // A learner's enrolment region and institution are those of an existing institution.
    expect(
      await value(
        `SELECT count(*) FROM enrolments e LEFT JOIN institutions i ON i.id = e.institution_id
         WHERE i.id IS NULL OR i.region <> e.region`,
      ),
    ).toBe(0);
  });

  it('keeps every timeline in order and in the past', async () => {
    const now = Math.floor(NOW.getTime() / 1000);
    expect(
      await value(
        `SELECT count(*) FROM enrolments e JOIN users u ON u.id = e.user_id
         WHERE e.enrolled_at < u.created_at OR e.started_at < e.enrolled_at OR e.completed_at <= e.started_at
            OR (e.completed_at IS NOT NULL AND e.started_at IS NULL) OR e.enrolled_at > ${now} OR e.completed_at > ${now}`,
      ),
    ).toBe(0);
    expect(
      await value(
        `SELECT count(*) FROM enrolments e JOIN courses c ON c.id = e.course_id
         WHERE e.course_version_id <> c.current_version_id`,
      ),
    ).toBe(0);
    expect(
      await value(
        `SELECT count(*) FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
         JOIN enrolments e ON e.user_id = m.user_id AND e.course_id = c.course_id
         WHERE m.joined_at < c.created_at OR m.joined_at <> e.enrolled_at * 1000`,
      ),
    ).toBe(0);
    // Every member is enrolled in the cohort's course; attendance only at past sessions, by members.
    expect(
      await value(
        `SELECT count(*) FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
         LEFT JOIN enrolments e ON e.user_id = m.user_id AND e.course_id = c.course_id WHERE e.id IS NULL`,
      ),
    ).toBe(0);
    expect(
      await value(
        `SELECT count(*) FROM attendance a JOIN cohort_sessions s ON s.id = a.session_id
         LEFT JOIN cohort_members m ON m.cohort_id = s.cohort_id AND m.user_id = a.user_id
         WHERE m.user_id IS NULL OR s.starts_at > ${now * 1000} OR s.cancelled_at IS NOT NULL OR a.marked_at < s.starts_at`,
      ),
    ).toBe(0);
  });

  it('stores every time as a whole number (seconds or milliseconds, as each column has it)', async () => {
    const columns: [string, string[]][] = [
      ['users', ['created_at', 'updated_at', 'privacy_consent_at', 'deleted_at']],
      ['institutions', ['created_at']],
      ['enrolments', ['enrolled_at', 'started_at', 'completed_at']],
      ['cohorts', ['created_at']],
      ['cohort_sessions', ['starts_at', 'cancelled_at', 'updated_at']],
      ['cohort_members', ['joined_at']],
      ['attendance', ['marked_at']],
      ['quiz_attempts', ['started_at', 'deadline_at', 'closed_at']],
      ['certificates', ['completed_at', 'issued_at', 'expires_at', 'revoked_at']],
      ['survey_responses', ['submitted_at']],
    ];
    for (const [table, names] of columns) {
      const where = names.map((c) => `(${c} IS NOT NULL AND typeof(${c}) <> 'integer')`).join(' OR ');
      expect(await value(`SELECT count(*) FROM ${table} WHERE ${where}`), table).toBe(0);
    }
  });

  it('issues certificates only for completed enrolments, numbered per year', async () => {
    expect(
      await value(
        `SELECT count(*) FROM certificates c LEFT JOIN enrolments e ON e.id = c.enrolment_id
         WHERE e.completed_at IS NULL OR e.user_id <> c.user_id OR e.course_id <> c.course_id
            OR c.issued_at < e.completed_at OR c.completed_at <> e.completed_at`,
      ),
    ).toBe(0);
    const certificates = await all(
      `SELECT number, year, seq, verification_code, issued_at, revoked_at, revoked_reason FROM certificates`,
    );
    for (const c of certificates) {
      expect(c['number']).toBe(`LV-ICC-${String(c['year'])}-${String(c['seq']).padStart(6, '0')}`);
      expect(c['year']).toBe(rigaYear(Number(c['issued_at'])));
      expect(c['verification_code']).toMatch(/^[a-z2-7]{32}$/);
      expect(c['revoked_at'] === null).toBe(c['revoked_reason'] === null);
    }
    // Each year's numbers run 1…n in an empty database, in the order of issue.
    for (const row of await all(`SELECT year, count(*) AS n, max(seq) AS top FROM certificates GROUP BY year`)) {
      expect(row['top']).toBe(row['n']);
    }
    expect(
      await value(
        `SELECT count(*) FROM certificates a JOIN certificates b ON b.year = a.year AND b.seq = a.seq + 1
         WHERE b.issued_at < a.issued_at`,
      ),
    ).toBe(0);
  });

  it('has a pre-test for every started enrolment and a passed post-test after it for every completed one', async () => {
    expect(
      await value(
        `SELECT count(*) FROM enrolments e WHERE e.started_at IS NOT NULL AND NOT EXISTS
           (SELECT 1 FROM quiz_attempts a WHERE a.enrolment_id = e.id AND a.activity_id = 'pre-test' AND a.number = 1)`,
      ),
    ).toBe(0);
    expect(
      await value(
        `SELECT count(*) FROM enrolments e WHERE e.completed_at IS NOT NULL AND NOT EXISTS
           (SELECT 1 FROM quiz_attempts a WHERE a.enrolment_id = e.id AND a.activity_id = 'post-test' AND a.passed = 1)`,
      ),
    ).toBe(0);
    // Post-tests only for completed enrolments, each started after the pre-test closed.
    expect(
      await value(
        `SELECT count(*) FROM quiz_attempts post JOIN enrolments e ON e.id = post.enrolment_id
         LEFT JOIN quiz_attempts pre ON pre.enrolment_id = post.enrolment_id AND pre.activity_id = 'pre-test' AND pre.number = 1
         WHERE post.activity_id = 'post-test'
           AND (e.completed_at IS NULL OR pre.id IS NULL OR post.started_at <= pre.closed_at OR post.closed_at > e.completed_at * 1000 + 999)`,
      ),
    ).toBe(0);
    expect(
      await value(
        `SELECT count(*) FROM quiz_attempts WHERE status <> 'submitted' OR closed_at <= started_at OR revision < 1
           OR percent < 0 OR percent > 100 OR user_id <> (SELECT user_id FROM enrolments WHERE id = enrolment_id)
           OR json_extract(layout, '$.questions') IS NULL OR (deadline_at IS NOT NULL AND closed_at > deadline_at)`,
      ),
    ).toBe(0);
    // A second post-test attempt only after a failed first one.
    expect(
      await value(
        `SELECT count(*) FROM quiz_attempts a JOIN quiz_attempts first ON first.enrolment_id = a.enrolment_id
           AND first.activity_id = a.activity_id AND first.number = a.number - 1
         WHERE a.number > 1 AND (first.passed = 1 OR a.started_at <= first.closed_at)`,
      ),
    ).toBe(0);
    const pre = await value(`SELECT avg(percent) FROM quiz_attempts WHERE activity_id = 'pre-test'`);
    const post = await value(`SELECT avg(percent) FROM quiz_attempts WHERE activity_id = 'post-test' AND passed = 1`);
    expect(pre).toBeGreaterThan(45);
    expect(pre).toBeLessThan(65);
    expect(post).toBeGreaterThan(pre + 15);
  });

  it('has survey responses only for completed enrolments, answering every item, mostly positive', async () => {
    expect(
      await value(
        `SELECT count(*) FROM survey_responses r JOIN enrolments e ON e.id = r.enrolment_id
         WHERE e.completed_at IS NULL OR r.submitted_at < e.completed_at * 1000 OR r.user_id <> e.user_id
            OR r.course_id <> e.course_id OR r.activity_id <> 'survey' OR r.survey_id <> 'end-of-course'`,
      ),
    ).toBe(0);
    // A required survey is part of completing: every completer answered it; an optional one ~80 %.
    for (const course of await all(
      `SELECT c.id, v.definition FROM courses c JOIN course_versions v ON v.id = c.current_version_id`,
    )) {
      const definition = JSON.parse(String(course['definition'])) as {
        modules: { activities: { kind: string; required?: boolean }[] }[];
      };
      const survey = definition.modules.flatMap((m) => m.activities).find((a) => a.kind === 'survey');
      if (!survey) continue;
      const completed = await value(
        `SELECT count(*) FROM enrolments WHERE course_id = ${Number(course['id'])} AND completed_at IS NOT NULL`,
      );
      const answered = await value(`SELECT count(*) FROM survey_responses WHERE course_id = ${Number(course['id'])}`);
      if (survey.required !== false) expect(answered).toBe(completed);
      else {
        expect(answered / completed).toBeGreaterThan(0.6);
        expect(answered / completed).toBeLessThan(0.95);
      }
    }
    // Every item of the survey is answered (the shipped surveys have more than the two required).
    const items = await all(`SELECT DISTINCT item_id FROM survey_answers`);
    expect(items.map((i) => i['item_id'])).toEqual(expect.arrayContaining(['useful', 'will-use']));
    expect(
      await value(
        `SELECT count(*) FROM survey_responses r WHERE
           (SELECT count(*) FROM survey_answers a WHERE a.response_id = r.id AND a.value BETWEEN 1 AND 5)
           <> (SELECT count(DISTINCT a.item_id) FROM survey_answers a JOIN survey_responses o ON o.id = a.response_id
               WHERE o.course_id = r.course_id)`,
      ),
    ).toBe(0);
    for (const item of ['useful', 'will-use']) {
      expect(
        await value(
          `SELECT count(*) FROM survey_responses r WHERE NOT EXISTS
             (SELECT 1 FROM survey_answers a WHERE a.response_id = r.id AND a.item_id = '${item}')`,
        ),
      ).toBe(0);
    }
    const positive = await value(`SELECT avg(value >= 4) FROM survey_answers WHERE item_id = 'useful'`);
    expect(positive).toBeGreaterThan(0.6);
    expect(positive).toBeLessThan(0.9);
    const comments = await value(`SELECT avg(comment IS NOT NULL) FROM survey_responses`);
    expect(comments).toBeGreaterThan(0.03);
    expect(comments).toBeLessThan(0.2);
  });

  it('erases people as the privacy code does, after their activity, keeping what counts', async () => {
    // As anonymiseUser leaves them: no e-mail, name, position or password; no name on certificates,
    // no survey comments; sector, region, institution and the activity rows stay.
    const erased = await all(`SELECT * FROM users WHERE status = 'deleted'`);
    expect(erased.length).toBe(result.counts.erased);
    for (const u of erased) {
      expect(u['deleted_at']).not.toBeNull();
      expect(u['email']).toBe(`deleted-${String(u['id'])}@deleted.invalid`);
      expect(u['name']).toBe('—');
      expect(u['position']).toBeNull();
      expect(u['password_hash']).toBeNull();
      expect(u['sector']).not.toBeNull();
      expect(u['region']).not.toBeNull();
    }
    expect(
      await value(
        `SELECT count(*) FROM users u WHERE u.status = 'deleted' AND (
           EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id AND max(e.enrolled_at, coalesce(e.completed_at, 0)) > u.deleted_at)
           OR EXISTS (SELECT 1 FROM certificates c WHERE c.user_id = u.id AND (c.holder_name <> '—' OR c.issued_at > u.deleted_at))
           OR EXISTS (SELECT 1 FROM survey_responses r WHERE r.user_id = u.id AND (r.comment IS NOT NULL OR r.submitted_at > u.deleted_at * 1000)))`,
      ),
    ).toBe(0);
    expect(
      await value(`SELECT count(*) FROM users WHERE status <> 'deleted' AND (deleted_at IS NOT NULL OR name = '—')`),
    ).toBe(0);
    expect(
      await value(`SELECT count(*) FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.status = 'deleted'`),
    ).toBeGreaterThan(0);
  });

  it('keeps the old sector on the enrolments of people who changed sector', async () => {
    const changers = await all(
      `SELECT DISTINCT u.id, u.sector AS now, e.sector AS was, u.updated_at, e.enrolled_at FROM users u
       JOIN enrolments e ON e.user_id = u.id WHERE e.sector <> u.sector`,
    );
    expect(changers.length).toBeGreaterThan(0);
    expect(new Set(changers.map((c) => c['id'])).size).toBe(result.counts.sectorChanged);
    for (const c of changers) expect(Number(c['updated_at'])).toBeGreaterThanOrEqual(Number(c['enrolled_at']));
  });

  it('refuses the same seed twice, and adds another seed after the first without collisions', async () => {
    await expect(seedScale({ learners: 10, seed: SEED, now: NOW })).rejects.toThrow(/seed 7 was used/);
    const before = await value(`SELECT count(*) FROM certificates`);
    const second = await seedScale({ learners: 150, seed: SEED + 1, now: NOW });
    expect(await value(`SELECT count(*) FROM users WHERE role = 'learner'`)).toBe(N + 150);
    expect(await value(`SELECT count(*) FROM certificates`)).toBe(before + second.counts.certificates);
    for (const row of await all(`SELECT year, count(*) AS n, max(seq) AS top FROM certificates GROUP BY year`)) {
      expect(row['top']).toBe(row['n']);
    }
  });

  it('gives the same data for the same seed in another fresh database', async () => {
    // This file's database now holds a second seed too: compare a fresh one with a third.
    const fresh = async (name: string) => {
      const file = `${TEST_DATA_DIR}/scale-${name}-${process.pid}.db`;
      copyFileSync(BASE_DB, file);
      await closeDb();
      process.env['DATABASE_URL'] = `file:${file}`;
      resetEnvCache();
      return file;
    };
    const files = [await fresh('a')];
    const a = await seedScale({ learners: N, seed: SEED, now: NOW });
    const printA = await fingerprint();
    files.push(await fresh('b'));
    const b = await seedScale({ learners: N, seed: SEED, now: NOW });
    const printB = await fingerprint();
    expect(b.counts).toEqual(a.counts);
    expect(a.counts).toEqual(result.counts);
    expect(printB).toEqual(printA);
    await closeDb();
    for (const file of files) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }, 60_000);
});

describe('seed --scale arguments', () => {
  it('accepts whole numbers from 1 to 1,000,000 and a seed', () => {
    expect(parseScaleArgs('100000', undefined)).toEqual({ learners: 100_000, seed: 1 });
    expect(parseScaleArgs('1', '42')).toEqual({ learners: 1, seed: 42 });
    for (const bad of ['0', '-5', 'abc', '1000001', '2.5', '', '1e5']) {
      expect(() => parseScaleArgs(bad, undefined)).toThrow(/--scale must be/);
    }
    expect(() => parseScaleArgs('10', '-1')).toThrow(/--seed must be/);
  });

  it('stops the CLI with one line and exit code 2 on a bad N', () => {
    for (const bad of ['0', 'lots']) {
      const run = spawnSync(process.execPath, ['src/cli/index.ts', 'seed', '--scale', bad], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: `file:${TEST_DATA_DIR}/scale-cli-${process.pid}.db` },
        timeout: 30_000,
      });
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('--scale must be a whole number from 1 to 1,000,000');
    }
  });
});
