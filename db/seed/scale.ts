import type { Client } from '@libsql/client';
import { getDb } from '../../src/lib/db.ts';
import { env } from '../../src/lib/env/index.ts';
import { generateToken } from '../../src/lib/auth/tokens.ts';
import { NUMBER_PREFIX } from '../../src/lib/certificates/issue.ts';
import { rigaToUtc, utcToRiga } from '../../src/lib/cohorts/riga-time.ts';
import { activitiesOf } from '../../src/lib/courses/completion.ts';
import { loadProject } from '../../src/lib/courses/loader.ts';
import type { CourseDefinition } from '../../src/lib/courses/schema.ts';
import { syncCourses } from '../../src/lib/courses/sync.ts';
import type { CourseQuizzes } from '../../src/lib/quiz/schema.ts';
import { REGIONS, SECTORS, type Locale, type Region, type Sector } from '../../src/lib/reference/index.ts';
import {
  COORDINATOR_POSITIONS,
  FEMALE_FIRST_NAMES,
  FEMALE_FIRST_NAMES_RU,
  FEMALE_SHARE,
  INSTITUTION_PATTERNS,
  KINDERGARTEN_NAMES,
  MALE_FIRST_NAMES,
  MALE_FIRST_NAMES_RU,
  MONTHS_LV,
  POSITIONS,
  REGION_WEIGHTS,
  REVOCATION_REASONS,
  SECTOR_WEIGHTS,
  SURNAMES,
  SURNAMES_RU,
  SURVEY_COMMENTS,
  TOWNS,
  TRAINER_POSITIONS,
  VENUE_PATTERNS,
  type Town,
} from './scale-data.ts';

/**
 * `seed --scale N`: a synthetic project of N learners with a realistic spread, for the reports
 * dashboard and its benchmark (N = 100,000 on a small machine).
 *
 * What it makes, deterministically for a given seed and "now" (all times lie between the
 * project's start in courses/project.yaml and now):
 * - about N/200 institutions (at least 5, one per sector first) across the five planning regions
 *   (Rīga about 45 %), one coordinator per 20 institutions and about N/1000 trainers;
 * - N learners (sectors 30/20/25/20/5 %, an institution mostly of their sector and its region,
 *   no password: they cannot log in), registering ever faster over the project's life;
 * - 1–3 enrolments each in the current version of the published courses (usually the common
 *   core and their sector's course), ~85 % started and ~65 % of those completed;
 * - ~40 % of enrolments in cohorts of ~25 (with a trainer, and 2–4 sessions with attendance
 *   marks when in person or blended); completion obeys the course's attendance rule;
 * - a submitted pre-test for every started enrolment and a passed post-test (after a failed
 *   one, sometimes) for every completed one; certificates for ~95 % of completions (~1 % of
 *   them revoked), numbered in issue order after the year's highest; the end-of-course survey
 *   answered by every completer when the course requires it (~80 % when it is optional);
 * - ~3 % of learners moved to another sector after enrolling (their enrolments keep the old
 *   one), ~1 % erased afterwards exactly as `anonymiseUser` (src/lib/users/privacy.ts) does.
 *
 * Activity completions are NOT generated: they would be a dozen rows per enrolment, and the
 * reports count enrolments (started_at, completed_at), attempts, certificates, surveys and
 * attendance. A seeded learner's "My learning" page therefore shows no finished lessons.
 *
 * Speed: ids are computed here (from the tables' current highest) instead of RETURNING, rows go
 * in as multi-row INSERTs of a few hundred rows, and each chunk of learners (2,000) with all
 * their rows is written in one transaction (see `flush`) — memory bounded by the chunk.
 * Nothing else should write to the database meanwhile (ids are taken from the highest present).
 *
 * Running it again with the same seed is refused (its e-mail addresses exist already); another
 * seed adds another, independent population.
 */

export const MAX_SCALE = 1_000_000;
const DEFAULT_CHUNK = 2_000;

export interface ScaleOptions {
  learners: number;
  seed?: number;
  /** The present moment of the data set (default: the start of today, UTC, so a day's runs agree). */
  now?: Date;
  /** Learners per write batch. */
  chunkSize?: number;
  onProgress?: (progress: ScaleProgress) => void;
}

export interface ScaleProgress {
  learners: number;
  total: number;
  seconds: number;
}

export interface ScaleCounts {
  institutions: number;
  coordinators: number;
  trainers: number;
  learners: number;
  enrolments: number;
  started: number;
  completed: number;
  cohorts: number;
  cohortMembers: number;
  sessions: number;
  attendance: number;
  quizAttempts: number;
  certificates: number;
  revokedCertificates: number;
  surveyResponses: number;
  surveyAnswers: number;
  sectorChanged: number;
  erased: number;
}

export interface ScaleResult {
  seed: number;
  now: string;
  seconds: number;
  counts: ScaleCounts;
}

/** A command-line usage error (exit code 2, like a bad flag). */
function usageError(message: string): Error {
  const error = new Error(message);
  (error as { code?: string }).code = 'ERR_PARSE_ARGS_USAGE';
  return error;
}

/** Parses `--scale N` and `--seed S` (whole numbers; N 1…1,000,000). */
export function parseScaleArgs(scale: unknown, seed: unknown): { learners: number; seed: number } {
  const whole = (value: unknown) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN);
  const learners = whole(scale);
  if (!Number.isSafeInteger(learners) || learners < 1 || learners > MAX_SCALE) {
    throw usageError(`--scale must be a whole number from 1 to ${MAX_SCALE.toLocaleString('en')}`);
  }
  const s = seed === undefined ? 1 : whole(seed);
  if (!Number.isSafeInteger(s) || s > 2 ** 31 - 1)
    throw usageError('--seed must be a whole number from 0 to 2147483647');
  return { learners, seed: s };
}

// ---------------------------------------------------------------------------------------------
// A small seeded random generator (sfc32, state from splitmix32): the same seed, the same data.

class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  weighted<K extends string | number>(weights: readonly (readonly [K, number])[]): K {
    const total = weights.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [key, w] of weights) {
      r -= w;
      if (r < 0) return key;
    }
    const last = weights.at(-1);
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

const entries = <K extends string>(record: Record<K, number>) => Object.entries(record) as [K, number][];

// ---------------------------------------------------------------------------------------------
// Rows and statements.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const sec = (ms: number) => Math.floor(ms / 1000);

type Value = string | number | null;

/** A value as an SQL literal (every value is generated here; strings are quoted all the same). */
function literal(value: Value): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

/** Rows per INSERT statement. */
const ROWS_PER_STATEMENT = 256;

/** Rows of one table, turned into multi-row INSERT statements of up to a few hundred rows each. */
class Rows {
  private readonly head: string;
  private rows: string[] = [];

  constructor(table: string, columns: readonly string[]) {
    this.head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES\n`;
  }

  add(row: Value[]): void {
    this.rows.push(`(${row.map(literal).join(',')})`);
  }

  /** The statements for the rows added since the last call. */
  drain(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.rows.length; i += ROWS_PER_STATEMENT) {
      out.push(this.head + this.rows.slice(i, i + ROWS_PER_STATEMENT).join(',\n'));
    }
    this.rows = [];
    return out;
  }
}

function tables() {
  return {
    institutions: new Rows('institutions', ['id', 'name', 'registration_number', 'sector', 'region', 'created_at']),
    users: new Rows('users', [
      'id',
      'email',
      'name',
      'password_hash',
      'role',
      'status',
      'sector',
      'institution_id',
      'position',
      'region',
      'locale',
      'privacy_consent_at',
      'created_at',
      'updated_at',
      'deleted_at',
    ]),
    coordinatorInstitutions: new Rows('coordinator_institutions', ['user_id', 'institution_id']),
    enrolments: new Rows('enrolments', [
      'id',
      'user_id',
      'course_id',
      'course_version_id',
      'enrolled_at',
      'started_at',
      'completed_at',
      'last_activity_id',
      'sector',
      'region',
      'institution_id',
    ]),
    cohorts: new Rows('cohorts', [
      'id',
      'course_id',
      'name',
      'mode',
      'region',
      'venue',
      'starts_on',
      'ends_on',
      'capacity',
      'invite_code',
      'created_by',
      'created_at',
    ]),
    cohortTrainers: new Rows('cohort_trainers', ['cohort_id', 'user_id']),
    sessions: new Rows('cohort_sessions', [
      'id',
      'cohort_id',
      'title',
      'starts_at',
      'duration_minutes',
      'venue',
      'meeting_url',
      'activity_id',
      'cancelled_at',
      'updated_at',
    ]),
    members: new Rows('cohort_members', ['cohort_id', 'user_id', 'status', 'source', 'joined_at']),
    attendance: new Rows('attendance', ['session_id', 'user_id', 'status', 'marked_by', 'marked_at']),
    attempts: new Rows('quiz_attempts', [
      'id',
      'enrolment_id',
      'user_id',
      'activity_id',
      'quiz_id',
      'number',
      'status',
      'started_at',
      'deadline_at',
      'closed_at',
      'layout',
      'earned',
      'points',
      'percent',
      'passed',
      'revision',
    ]),
    certificates: new Rows('certificates', [
      'id',
      'number',
      'year',
      'seq',
      'verification_code',
      'user_id',
      'course_id',
      'enrolment_id',
      'holder_name',
      'course_title',
      'statement',
      'hours',
      'template',
      'completed_at',
      'issued_at',
      'expires_at',
      'revoked_at',
      'revoked_reason',
    ]),
    responses: new Rows('survey_responses', [
      'id',
      'enrolment_id',
      'user_id',
      'course_id',
      'activity_id',
      'survey_id',
      'comment',
      'submitted_at',
    ]),
    answers: new Rows('survey_answers', ['response_id', 'item_id', 'value']),
  };
}
type Tables = ReturnType<typeof tables>;

/** Insert order: every row after the rows it refers to. */
const ORDER: readonly (keyof Tables)[] = [
  'institutions',
  'users',
  'coordinatorInstitutions',
  'enrolments',
  'cohorts',
  'cohortTrainers',
  'sessions',
  'members',
  'attendance',
  'attempts',
  'certificates',
  'responses',
  'answers',
];

/**
 * Writes the pending rows in one transaction. As one script of literal INSERTs
 * (`executeMultiple`) rather than `client.batch` with bound parameters: the embedded driver
 * does not free the statements a batch prepares, which at 100,000 learners held 1.5 GB of
 * native memory (measured); a script runs each statement and finalises it, and is faster too.
 * If a statement fails, the transaction is rolled back (the client does so before reusing the
 * connection; the explicit ROLLBACK covers a server connection).
 */
async function flush(client: Client, t: Tables): Promise<void> {
  const statements = ORDER.flatMap((name) => t[name].drain());
  if (statements.length === 0) return;
  try {
    await client.executeMultiple(`BEGIN IMMEDIATE;\n${statements.join(';\n')};\nCOMMIT;`);
  } catch (error) {
    await client.execute('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The courses, as their current versions define them.

interface QuizInfo {
  activityId: string;
  quizId: string;
  passMark: number;
  /** Attempts allowed (null: unlimited). */
  attempts: number | null;
  grading: 'highest' | 'last' | 'average';
  timeLimitMinutes: number | null;
  /** Per selection rule: how many questions are drawn, and the points of each question of its pool. */
  pools: { count: number; points: number[] }[];
  /** Questions in an attempt. */
  questions: number;
}

interface CourseInfo {
  id: number;
  versionId: number;
  slug: string;
  sectors: readonly Sector[];
  /** Meant for every sector: the common core. */
  common: boolean;
  title: { lv: string; en: string };
  statement: string;
  hours: number;
  template: string;
  validYears: number | null;
  minAttendance: number | null;
  activityIds: string[];
  pre: QuizInfo | null;
  post: QuizInfo | null;
  survey: { activityId: string; surveyId: string; required: boolean; items: string[]; comments: boolean } | null;
  sessionActivityId: string | null;
}

/** Items every course survey has (the "useful" indicator reads the first). */
const SURVEY_ITEMS = ['useful', 'will-use'];

function quizInfo(activityId: string, quizId: string, bank: CourseQuizzes): QuizInfo | null {
  const quiz = bank.quizzes.find((q) => q.id === quizId);
  if (!quiz) return null;
  const pointsOf = (q: unknown): number => {
    const item = q as { points?: unknown; parts?: unknown };
    if (typeof item.points === 'number') return item.points;
    if (Array.isArray(item.parts)) return item.parts.reduce((s: number, p: unknown) => s + pointsOf(p), 0) || 1;
    return 1;
  };
  const pools = quiz.select.map((rule) => {
    const points = bank.questions.filter((q) => q.category === rule.category).map(pointsOf);
    return { count: Math.min(rule.count ?? points.length, points.length), points };
  });
  const questions = pools.reduce((s, p) => s + p.count, 0);
  return {
    activityId,
    quizId,
    passMark: quiz.passMark,
    attempts: quiz.attempts ?? null,
    grading: quiz.grading,
    timeLimitMinutes: quiz.timeLimitMinutes ?? null,
    // A bank without questions (not valid, but be safe): ten one-point questions.
    pools: questions > 0 ? pools : [{ count: 10, points: Array<number>(10).fill(1) }],
    questions: questions > 0 ? questions : 10,
  };
}

/** The items of a course survey (always with "useful" and "will-use"), and whether it asks for a comment. */
function surveyOf(surveys: unknown, surveyId: string): { items: string[]; comments: boolean } {
  const list = Array.isArray(surveys) ? (surveys as { id?: unknown; items?: unknown; comment?: unknown }[]) : [];
  const definition = list.find((s) => s.id === surveyId);
  const items = Array.isArray(definition?.items)
    ? (definition.items as { id?: unknown }[]).flatMap((i) => (typeof i.id === 'string' ? [i.id] : []))
    : [];
  // Without a definition (an empty surveys column) the two required items, and a comment.
  return {
    items: [...new Set([...SURVEY_ITEMS, ...items])],
    comments: !definition || definition.comment !== undefined,
  };
}

async function loadCourses(client: Client): Promise<CourseInfo[]> {
  const existing = await client.execute('SELECT count(*) AS n FROM courses');
  if (Number(existing.rows[0]?.['n'] ?? 0) === 0) await syncCourses(env().COURSES_DIR);
  const rows = await client.execute(
    `SELECT c.id, c.slug, c.current_version_id AS version_id, v.definition, v.quiz, v.surveys
     FROM courses c JOIN course_versions v ON v.id = c.current_version_id
     WHERE c.status = 'published' ORDER BY c.id`,
  );
  return rows.rows.map((row) => {
    const definition = JSON.parse(String(row['definition'])) as CourseDefinition;
    const bank = JSON.parse(String(row['quiz'] ?? '{"questions":[],"quizzes":[]}')) as CourseQuizzes;
    const surveys: unknown = JSON.parse(String(row['surveys'] ?? '[]'));
    const activities = activitiesOf(definition);
    const quizOfRole = (role: string) => {
      const activity = activities.find((a) => a.kind === 'quiz' && a.role === role);
      return activity?.kind === 'quiz' ? quizInfo(activity.id, activity.quiz, bank) : null;
    };
    const survey = activities.find((a) => a.kind === 'survey');
    return {
      id: Number(row['id']),
      versionId: Number(row['version_id']),
      slug: String(row['slug']),
      sectors: definition.sectors,
      common: SECTORS.every((s) => definition.sectors.includes(s)),
      title: definition.title,
      statement: JSON.stringify(definition.certificate.statement),
      hours: definition.hours,
      template: definition.certificate.template,
      validYears: definition.certificate.validYears ?? null,
      minAttendance: definition.completion.minAttendancePercent ?? null,
      activityIds: activities.map((a) => a.id),
      pre: quizOfRole('pre-test'),
      post: quizOfRole('post-test'),
      survey:
        survey?.kind === 'survey'
          ? {
              activityId: survey.id,
              surveyId: survey.survey,
              required: survey.required !== false,
              ...surveyOf(surveys, survey.survey),
            }
          : null,
      sessionActivityId: activities.find((a) => a.kind === 'session')?.id ?? null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The generator.

interface Institution {
  id: number;
  sector: Sector;
  region: Region;
}

/** Institutions of a sector with cumulative weights (bigger ones employ more learners). */
interface Pool {
  ids: Institution[];
  cumulative: number[];
}

interface Session {
  id: number;
  startsAt: number;
  endsAt: number;
  cancelled: boolean;
}

interface OpenCohort {
  id: number;
  capacity: number;
  members: number;
  /** The start of its first day (ms): learners join before it; later ones go to a new cohort. */
  closesAt: number;
  trainerId: number;
  sessions: Session[];
}

interface Staff {
  id: number;
  region: Region;
}

/**
 * Attendance marks: learners who go on to complete attend nearly every session (the course's
 * attendance rule asks for 80 %), the others less; overall about 80 % present, 5 % late, 10 %
 * absent and 5 % excused.
 */
type Mark = 'present' | 'late' | 'absent' | 'excused';
const MARKS_COMPLETER: readonly (readonly [Mark, number])[] = [
  ['present', 88],
  ['late', 6],
  ['absent', 4],
  ['excused', 2],
];
const MARKS_OTHER: readonly (readonly [Mark, number])[] = [
  ['present', 60],
  ['late', 4],
  ['absent', 25],
  ['excused', 11],
];
const LIKERT: readonly (readonly [number, number])[] = [
  [5, 40],
  [4, 35],
  [3, 15],
  [2, 7],
  [1, 3],
];
const LAYOUT = '{"questions":[]}';

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** The calendar year in Latvia (1 January is always winter time, UTC+2). */
function rigaYear(ms: number): number {
  return new Date(ms + 2 * HOUR).getUTCFullYear();
}

function defaultNow(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

async function scalar(client: Client, query: string): Promise<number> {
  const result = await client.execute(query);
  const value = result.rows[0]?.[0];
  return value === null || value === undefined ? 0 : Number(value);
}

export async function seedScale(options: ScaleOptions): Promise<ScaleResult> {
  const began = performance.now();
  const N = options.learners;
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(N) || N < 1 || N > MAX_SCALE) throw new RangeError(`learners must be 1…${MAX_SCALE}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError('seed must be a whole number ≥ 0');
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const now = (options.now ?? defaultNow()).getTime();
  const prefix = `scale-${seed}-`;

  const db = await getDb();
  const client = db.$client;
  if ((await scalar(client, `SELECT count(*) FROM users WHERE email LIKE '${prefix}%@example.test'`)) > 0) {
    throw new Error(
      `seed ${seed} was used in this database already (its ${prefix}…@example.test accounts exist): use another --seed`,
    );
  }
  const courses = await loadCourses(client);
  if (courses.length === 0) throw new Error('no published course: check COURSES_DIR and run "courses sync"');

  const project = loadProject(env().COURSES_DIR);
  const start = rigaToUtc(project.ok ? project.project.period.start : '2024-04-01', '08:00').getTime();
  if (start >= now - 30 * DAY) throw new Error('the project period has not started yet');
  const span = now - start;

  const rng = new Rng(seed);
  const t = tables();
  const counts: ScaleCounts = {
    institutions: 0,
    coordinators: 0,
    trainers: 0,
    learners: 0,
    enrolments: 0,
    started: 0,
    completed: 0,
    cohorts: 0,
    cohortMembers: 0,
    sessions: 0,
    attendance: 0,
    quizAttempts: 0,
    certificates: 0,
    revokedCertificates: 0,
    surveyResponses: 0,
    surveyAnswers: 0,
    sectorChanged: 0,
    erased: 0,
  };

  // Ids continue from the highest present; certificate numbers from each year's highest.
  const next = {
    institution: await scalar(client, 'SELECT max(id) FROM institutions'),
    user: await scalar(client, 'SELECT max(id) FROM users'),
    enrolment: await scalar(client, 'SELECT max(id) FROM enrolments'),
    cohort: await scalar(client, 'SELECT max(id) FROM cohorts'),
    session: await scalar(client, 'SELECT max(id) FROM cohort_sessions'),
    attempt: await scalar(client, 'SELECT max(id) FROM quiz_attempts'),
    certificate: await scalar(client, 'SELECT max(id) FROM certificates'),
    response: await scalar(client, 'SELECT max(id) FROM survey_responses'),
  };
  const seqs = new Map<number, number>();
  for (const row of (await client.execute('SELECT year, max(seq) AS seq FROM certificates GROUP BY year')).rows) {
    seqs.set(Number(row['year']), Number(row['seq']));
  }
  const initialSeqs = new Map(seqs);
  const firstCertificateId = next.certificate + 1;
  const takenNames = new Set<string>();
  const takenNumbers = new Set<string>();
  for (const row of (await client.execute('SELECT name, registration_number FROM institutions')).rows) {
    takenNames.add(String(row['name']));
    takenNumbers.add(String(row['registration_number']));
  }

  const personName = (sector: Sector) => {
    const female = rng.chance(FEMALE_SHARE[sector]);
    const russian = rng.chance(0.15);
    const first = russian
      ? rng.pick(female ? FEMALE_FIRST_NAMES_RU : MALE_FIRST_NAMES_RU)
      : rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    const surname = rng.pick(russian ? SURNAMES_RU : SURNAMES)[female ? 1 : 0];
    return { name: `${first} ${surname}`, female };
  };
  const townIn = (region: Region): Town =>
    TOWNS[rng.weighted(TOWNS.flatMap((town, i) => (town.region === region ? [[i, town.weight] as const] : [])))] ??
    (TOWNS[0] as Town);

  // Institutions: the first five cover every sector and every region, the rest by the weights.
  const institutionCount = Math.max(5, Math.round(N / 200));
  const institutions: Institution[] = [];
  for (let i = 0; i < institutionCount; i++) {
    const sector: Sector = i < SECTORS.length ? (SECTORS[i] as Sector) : rng.weighted(entries(SECTOR_WEIGHTS));
    const region: Region = i < REGIONS.length ? (REGIONS[i] as Region) : rng.weighted(entries(REGION_WEIGHTS));
    const town = townIn(region);
    let name = '';
    for (let tries = 0; tries < 40 && (!name || takenNames.has(name)); tries++) {
      const pattern = rng.pick(INSTITUTION_PATTERNS[sector]);
      const n = rng.int(1, town.name === 'Rīga' ? 95 : town.city ? 18 : 3);
      name = pattern(town, n, rng.pick(KINDERGARTEN_NAMES)) ?? '';
    }
    if (!name || takenNames.has(name)) name = `${name || `${town.gen} iestāde`} (${i + 1}. struktūrvienība)`;
    takenNames.add(name);
    let number = '';
    while (!number || takenNumbers.has(number)) {
      number = `${sector === 'other' ? '40008' : '90009'}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
    }
    takenNumbers.add(number);
    const id = ++next.institution;
    institutions.push({ id, sector, region });
    t.institutions.add([id, name, number, sector, region, sec(start - rng.between(1, 30) * DAY)]);
  }
  counts.institutions = institutionCount;
  const pools = new Map<Sector, Pool>();
  for (const sector of SECTORS) {
    const ids = institutions.filter((i) => i.sector === sector);
    let sum = 0;
    pools.set(sector, { ids, cumulative: ids.map(() => (sum += 1 + rng.next() * 4)) });
  }
  const institutionOf = (sector: Sector): Institution => {
    const pool = pools.get(rng.chance(0.92) ? sector : rng.pick(SECTORS));
    const fallback = pools.get(sector);
    const chosen = pool && pool.ids.length > 0 ? pool : fallback;
    if (!chosen || chosen.ids.length === 0) return rng.pick(institutions);
    const r = rng.next() * (chosen.cumulative.at(-1) ?? 0);
    let lo = 0;
    let hi = chosen.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((chosen.cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return chosen.ids[lo] ?? rng.pick(chosen.ids);
  };

  const staffRow = (
    email: string,
    role: 'trainer' | 'coordinator',
    sector: Sector,
    region: Region,
    institutionId: number | null,
    positions: readonly (readonly [string, string])[],
  ) => {
    const id = ++next.user;
    const person = personName(sector);
    const created = sec(start - rng.between(1, 30) * DAY);
    const position = rng.pick(positions)[person.female ? 1 : 0];
    t.users.add([
      id,
      email,
      person.name,
      null,
      role,
      'active',
      sector,
      institutionId,
      position,
      region,
      'lv',
      created,
      created,
      created,
      null,
    ]);
    return id;
  };

  // Trainers (about one per 1,000 learners), spread over the regions.
  const trainers: Staff[] = [];
  const trainerCount = Math.max(2, Math.round(N / 1000));
  const otherInstitutions = institutions.filter((i) => i.sector === 'other');
  for (let k = 1; k <= trainerCount; k++) {
    const region: Region = k <= REGIONS.length ? (REGIONS[k - 1] as Region) : rng.weighted(entries(REGION_WEIGHTS));
    const home = otherInstitutions.find((i) => i.region === region) ?? null;
    const id = staffRow(
      `${prefix}trainer-${k}@example.test`,
      'trainer',
      'other',
      region,
      home?.id ?? null,
      TRAINER_POSITIONS,
    );
    trainers.push({ id, region });
  }
  counts.trainers = trainerCount;

  // Coordinators: one per 20 institutions, each looking after one to three of a sector and region.
  const coordinatorCount = Math.max(1, Math.round(institutionCount / 20));
  for (let k = 0; k < coordinatorCount; k++) {
    const home = institutions[(k * 20) % institutionCount] ?? (institutions[0] as Institution);
    const id = staffRow(
      `${prefix}coordinator-${k + 1}@example.test`,
      'coordinator',
      home.sector,
      home.region,
      home.id,
      COORDINATOR_POSITIONS,
    );
    const alike = institutions.filter((i) => i.id !== home.id && i.sector === home.sector && i.region === home.region);
    const linked = [home.id, ...alike.slice(0, rng.int(0, 2)).map((i) => i.id)];
    for (const institutionId of linked) t.coordinatorInstitutions.add([id, institutionId]);
  }
  counts.coordinators = coordinatorCount;
  await flush(client, t);

  const trainerIn = (region: Region | null): number => {
    const local = region === null ? trainers : trainers.filter((s) => s.region === region);
    return rng.pick(local.length > 0 ? local : trainers).id;
  };

  // Cohorts being filled, one per course and region.
  const open = new Map<string, OpenCohort>();
  const cohortNumbers = new Map<number, number>();

  /** A new cohort: online ones (region null) are national, in-person and blended ones regional. */
  const openCohort = (
    course: CourseInfo,
    region: Region | null,
    firstCreated: number,
    firstEnrolled: number,
  ): OpenCohort => {
    const id = ++next.cohort;
    const mode =
      region === null
        ? 'online'
        : rng.weighted([
            ['in_person', 3],
            ['blended', 4],
          ] as const);
    const town = region === null ? null : townIn(region);
    const venue = town === null ? null : rng.pick(VENUE_PATTERNS)(town);
    // Learners sign up in the weeks before a cohort starts (it takes those who enrol until then).
    const startsOn = utcToRiga(new Date(firstEnrolled + rng.between(21, 42) * DAY)).date;
    const endsOn = addDays(startsOn, rng.int(4, 8) * 7);
    const capacity = rng.int(24, 30);
    const trainerId = trainerIn(region);
    const createdAt = Math.floor(Math.max(start - 7 * DAY, firstCreated - rng.between(0, 7) * DAY));
    const number = (cohortNumbers.get(course.id) ?? 0) + 1;
    cohortNumbers.set(course.id, number);
    const [year, month] = startsOn.split('-').map(Number);
    const name = `${course.title.lv.slice(0, 60)} — ${town?.name ?? 'tiešsaistē'}, ${year}. gada ${MONTHS_LV[(month ?? 1) - 1]} (${number}. grupa)`;
    t.cohorts.add([
      id,
      course.id,
      name,
      mode,
      region,
      venue,
      startsOn,
      endsOn,
      capacity,
      generateToken().slice(0, 10),
      trainerId,
      createdAt,
    ]);
    t.cohortTrainers.add([id, trainerId]);
    if (rng.chance(0.15) && trainers.length > 1) {
      const co = rng.pick(trainers).id;
      if (co !== trainerId) t.cohortTrainers.add([id, co]);
    }
    counts.cohorts++;
    const sessions: Session[] = [];
    if (mode !== 'online') {
      const k = rng.int(2, 4);
      const length = Math.round((Date.parse(endsOn) - Date.parse(startsOn)) / DAY);
      for (let j = 0; j < k; j++) {
        let date = addDays(startsOn, Math.floor(((j + 0.5) * length) / k));
        const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
        if (weekday === 6) date = addDays(date, -1);
        if (weekday === 0) date = addDays(date, 1);
        const startsAt = rigaToUtc(date, rng.pick(['09:30', '10:00', '14:00'])).getTime();
        const minutes = rng.pick([120, 180, 180, 240]);
        const cancelled = rng.chance(0.02);
        const cancelledAt = cancelled ? Math.floor(Math.max(createdAt, startsAt - rng.between(1, 5) * DAY)) : null;
        const sessionId = ++next.session;
        t.sessions.add([
          sessionId,
          id,
          `${j + 1}. klātienes nodarbība`,
          startsAt,
          minutes,
          venue,
          null,
          j === 0 ? course.sessionActivityId : null,
          cancelledAt,
          cancelledAt ?? createdAt,
        ]);
        sessions.push({ id: sessionId, startsAt, endsAt: startsAt + minutes * MINUTE, cancelled });
        counts.sessions++;
      }
    }
    return { id, capacity, members: 0, closesAt: rigaToUtc(startsOn, '00:00').getTime(), trainerId, sessions };
  };

  /** The points of one attempt: the questions drawn from each pool, as starting an attempt draws them. */
  const drawPoints = (quiz: QuizInfo) => {
    let total = 0;
    for (const pool of quiz.pools) {
      const left = [...pool.points];
      for (let k = 0; k < pool.count; k++) total += left.splice(Math.floor(rng.next() * left.length), 1)[0] ?? 0;
    }
    return total;
  };
  /** A score near the target percent, in quarter points (partial credit), as the server computes it. */
  const percentOf = (target: number, points: number) => {
    const clamped = Math.min(100, Math.max(0, target));
    const earned = Math.min(points, Math.round((clamped / 100) * points * 4) / 4);
    return { earned, percent: points === 0 ? 0 : Math.round((earned / points) * 10_000) / 100 };
  };
  const addAttempt = (
    enrolmentId: number,
    userId: number,
    quiz: QuizInfo,
    number: number,
    startedAt: number,
    closedAt: number,
    target: number,
  ) => {
    const points = drawPoints(quiz);
    const { earned, percent } = percentOf(target, points);
    const started = Math.floor(startedAt);
    t.attempts.add([
      ++next.attempt,
      enrolmentId,
      userId,
      quiz.activityId,
      quiz.quizId,
      number,
      'submitted',
      started,
      quiz.timeLimitMinutes ? started + quiz.timeLimitMinutes * MINUTE : null,
      Math.floor(closedAt),
      LAYOUT,
      earned,
      points,
      percent,
      percent >= quiz.passMark ? 1 : 0,
      // Every answer saved once, some changed.
      quiz.questions + rng.int(0, 4),
    ]);
    counts.quizAttempts++;
    return percent;
  };
  const quizMinutes = (quiz: QuizInfo) =>
    rng.between(4, Math.max(5, Math.min(quiz.timeLimitMinutes ?? 25, 25) - 1)) * MINUTE;

  // ---- learners, chunk by chunk -------------------------------------------------------------
  const coursesFor = (sector: Sector): CourseInfo[] => {
    const common = courses.filter((c) => c.common);
    const own = courses.filter((c) => !c.common && c.sectors.includes(sector));
    const others = courses.filter((c) => !c.common && !c.sectors.includes(sector));
    const r = rng.next();
    const first = [...common, ...own];
    if (r < 0.4 && first.length > 0) {
      return [common.length > 0 && (own.length === 0 || rng.chance(0.6)) ? rng.pick(common) : rng.pick(own)];
    }
    const list = [...first];
    if (list.length < 2 && others.length > 0) list.push(rng.pick(others));
    if (r > 0.92 && others.length > 0) {
      const extra = rng.pick(others);
      if (!list.includes(extra)) list.push(extra);
    }
    return list.slice(0, 3);
  };

  for (let from = 0; from < N; from += chunkSize) {
    const to = Math.min(N, from + chunkSize);
    for (let i = from; i < to; i++) {
      const userId = ++next.user;
      // Registrations grow over time: density rising linearly from the project's start to now.
      const createdAt = Math.floor(start + span * Math.sqrt((i + rng.next()) / N));
      const sector: Sector = rng.weighted(entries(SECTOR_WEIGHTS));
      const person = personName(sector);
      const institution = institutionOf(sector);
      const locale: Locale = rng.chance(0.1) ? 'en' : 'lv';
      const position = rng.chance(0.9) ? rng.pick(POSITIONS[sector])[person.female ? 1 : 0] : null;
      // ~1 % are erased after all their activity below (decided now: their certificates lose the
      // name and their survey answers the comment, as anonymiseUser does).
      const erased = rng.chance(0.01);
      let last = createdAt;

      let enrolledAt = 0;
      const picked = coursesFor(sector);
      for (let k = 0; k < picked.length; k++) {
        const course = picked[k] as CourseInfo;
        if (k === 0) {
          enrolledAt = createdAt + (rng.chance(0.7) ? rng.between(1, 120) * MINUTE : rng.between(0.1, 30) * DAY);
          if (enrolledAt > now - MINUTE) enrolledAt = createdAt + (now - createdAt) * rng.between(0, 0.5);
        } else {
          enrolledAt += rng.between(0, 60) * DAY;
          if (enrolledAt > now - MINUTE) break;
        }
        enrolledAt = Math.floor(enrolledAt / 1000) * 1000;
        const enrolmentId = ++next.enrolment;
        counts.enrolments++;
        last = Math.max(last, enrolledAt);

        // ~40 % enrol through a cohort of the course (joined on enrolling, before it starts).
        let cohort: OpenCohort | null = null;
        if (rng.chance(0.4)) {
          // About 30 % of cohort places are online (national cohorts), the rest in the learner's region.
          const region = rng.chance(0.3) ? null : institution.region;
          const key = `${course.id}:${region ?? 'online'}`;
          cohort = open.get(key) ?? null;
          if (!cohort || cohort.members >= cohort.capacity || enrolledAt > cohort.closesAt) {
            cohort = openCohort(course, region, createdAt, enrolledAt);
            open.set(key, cohort);
          }
          cohort.members++;
          counts.cohortMembers++;
          t.members.add([
            cohort.id,
            userId,
            'enrolled',
            rng.weighted([
              ['invite', 70],
              ['added', 20],
              ['import', 10],
            ] as const),
            enrolledAt,
          ]);
        }
        const sessions = cohort ? cohort.sessions.filter((s) => !s.cancelled) : [];

        const started = rng.chance(0.85) && now - enrolledAt > 2 * HOUR;
        let startedAt: number | null = null;
        let completedAt: number | null = null;
        let lastActivity: string | null = null;
        let preClosed = 0;
        if (started) {
          startedAt = enrolledAt + (rng.chance(0.5) ? rng.between(1, 60) * MINUTE : rng.between(1, 14 * 24) * HOUR);
          if (startedAt > now - HOUR) startedAt = enrolledAt + (now - HOUR - enrolledAt) * rng.next();
          startedAt = Math.floor(startedAt / 1000) * 1000;
          counts.started++;
          lastActivity = rng.pick(course.activityIds.slice(0, Math.max(1, course.activityIds.length - 2)));
          preClosed = startedAt + (course.pre ? quizMinutes(course.pre) : MINUTE);
          if (course.pre) addAttempt(enrolmentId, userId, course.pre, 1, startedAt, preClosed, rng.normal(55, 15));
          last = Math.max(last, preClosed);
        }
        const plansToComplete = started && rng.chance(sessions.length > 0 ? 0.92 : 0.65);

        // Attendance at the cohort's past sessions held after the learner joined.
        let attended = 0;
        if (cohort) {
          for (const session of sessions) {
            if (session.startsAt < enrolledAt || session.endsAt + 10 * MINUTE > now) continue;
            const status = rng.weighted(plansToComplete ? MARKS_COMPLETER : MARKS_OTHER);
            if (status === 'present' || status === 'late') attended++;
            const markedAt = Math.min(now, session.endsAt + rng.between(5, 120) * MINUTE);
            t.attendance.add([session.id, userId, status, cohort.trainerId, Math.floor(markedAt)]);
            counts.attendance++;
          }
        }
        // THE completion rule: the course's minimum attendance of the cohort's sessions.
        const attendanceMet =
          course.minAttendance === null ||
          sessions.length === 0 ||
          (attended / sessions.length) * 100 >= course.minAttendance;

        // When the last required activity before the survey was done (the post-test passed).
        let doneAt: number | null = null;
        if (plansToComplete && startedAt !== null && attendanceMet) {
          const lastSessionEnd = sessions.reduce((m, s) => Math.max(m, s.endsAt), 0);
          const study = Math.min(90, Math.max(0.5, Math.exp(rng.normal(Math.log(12), 0.8)))) * DAY;
          const lower = sessions.length > 0 ? Math.max(preClosed, lastSessionEnd) + HOUR : preClosed + 30 * MINUTE;
          let postStart = Math.max(
            preClosed + study,
            sessions.length > 0 ? lastSessionEnd + rng.between(1, 72) * HOUR : 0,
          );
          if (postStart > now - 2 * HOUR && lower < now - 2 * HOUR)
            postStart = lower + (now - 2 * HOUR - lower) * rng.next();
          if (course.post && postStart <= now - 2 * HOUR) {
            const post = course.post;
            let closed = postStart + quizMinutes(post);
            let percent = addAttempt(
              enrolmentId,
              userId,
              post,
              1,
              Math.floor(postStart),
              Math.floor(closed),
              rng.normal(80, 10),
            );
            if (percent < post.passMark) {
              if (post.grading !== 'average' && (post.attempts === null || post.attempts > 1)) {
                // Failed the first time: a second attempt, which passes.
                let again = closed + rng.between(10 * MINUTE, 2 * DAY);
                if (again > now - HOUR) again = closed + (now - HOUR - closed) * rng.next();
                let target = rng.normal(84, 8);
                if (target < post.passMark + 2.5) target = post.passMark + rng.between(2.5, 15);
                closed = again + quizMinutes(post);
                percent = addAttempt(enrolmentId, userId, post, 2, Math.floor(again), Math.floor(closed), target);
              }
            }
            if (percent >= post.passMark) doneAt = closed;
            // An attempt that failed and cannot be retaken (or averaged): the course stays open.
            lastActivity = post.activityId;
            last = Math.max(last, closed);
          } else if (!course.post && postStart <= now - 2 * HOUR) {
            doneAt = postStart;
          }
        }
        // A required survey completes the course when answered (then every completer answered it);
        // an optional one is answered by ~80 %, after completing.
        let surveyAt: number | null = null;
        if (doneAt !== null) {
          if (course.survey?.required) {
            surveyAt = doneAt + rng.between(1, 20) * MINUTE;
            completedAt = Math.floor(surveyAt / 1000) * 1000;
          } else {
            completedAt = Math.floor(doneAt / 1000) * 1000;
            if (course.survey && rng.chance(0.8)) surveyAt = Math.min(now, completedAt + rng.between(1, 20) * MINUTE);
          }
          last = Math.max(last, surveyAt ?? doneAt);
        }

        if (completedAt !== null) {
          counts.completed++;
          if (course.survey && surveyAt !== null) {
            const submittedAt = surveyAt;
            const responseId = ++next.response;
            // Erasing a person removes their comments too (the 1–5 answers stay).
            const comment =
              rng.chance(0.1) && course.survey.comments && !erased ? rng.pick(SURVEY_COMMENTS[locale]) : null;
            t.responses.add([
              responseId,
              enrolmentId,
              userId,
              course.id,
              course.survey.activityId,
              course.survey.surveyId,
              comment,
              Math.floor(submittedAt),
            ]);
            counts.surveyResponses++;
            const useful = rng.weighted(LIKERT);
            for (const item of course.survey.items) {
              const value =
                item === 'useful'
                  ? useful
                  : item === 'will-use'
                    ? Math.min(5, Math.max(1, useful + rng.pick([-1, 0, 0, 0, 1])))
                    : rng.weighted(LIKERT);
              t.answers.add([responseId, item, value]);
              counts.surveyAnswers++;
            }
            lastActivity = course.survey.activityId;
            last = Math.max(last, submittedAt);
          }
          if (rng.chance(0.95)) {
            const issuedAt = rng.chance(0.8)
              ? completedAt
              : Math.min(now, completedAt + rng.between(1, 48 * 60) * MINUTE);
            const year = rigaYear(issuedAt);
            const seq = (seqs.get(year) ?? 0) + 1;
            seqs.set(year, seq);
            const revoked = rng.chance(0.01);
            const revokedAt = revoked ? Math.min(now, issuedAt + rng.between(1, 60) * DAY) : null;
            const expiresAt =
              course.validYears === null
                ? null
                : Date.UTC(
                    new Date(issuedAt).getUTCFullYear() + course.validYears,
                    new Date(issuedAt).getUTCMonth(),
                    new Date(issuedAt).getUTCDate(),
                  );
            t.certificates.add([
              ++next.certificate,
              `${NUMBER_PREFIX}-${year}-${String(seq).padStart(6, '0')}`,
              year,
              seq,
              generateToken(),
              userId,
              course.id,
              enrolmentId,
              // The name printed on it; erasing the person later blanks it (as anonymiseUser does).
              erased ? '—' : person.name,
              JSON.stringify(course.title),
              course.statement,
              course.hours,
              course.template,
              sec(completedAt),
              sec(issuedAt),
              expiresAt === null ? null : sec(expiresAt),
              revokedAt === null ? null : sec(revokedAt),
              revoked ? rng.pick(REVOCATION_REASONS) : null,
            ]);
            counts.certificates++;
            if (revoked) counts.revokedCertificates++;
            last = Math.max(last, revokedAt ?? issuedAt);
          }
        }

        t.enrolments.add([
          enrolmentId,
          userId,
          course.id,
          course.versionId,
          sec(enrolledAt),
          startedAt === null ? null : sec(startedAt),
          completedAt === null ? null : sec(completedAt),
          lastActivity,
          // Who the learner was when enrolling (what the database trigger would copy).
          sector,
          institution.region,
          institution.id,
        ]);
      }

      // ~3 % moved to another sector (and institution) after enrolling: enrolments keep the old.
      let current = { sector, institution, updatedAt: createdAt };
      if (rng.chance(0.03)) {
        let moved: Sector = sector;
        while (moved === sector) moved = rng.weighted(entries(SECTOR_WEIGHTS));
        const changedAt = Math.floor(last + (now - last) * rng.between(0.05, 0.9));
        const pool = pools.get(moved);
        const newInstitution = pool && pool.ids.length > 0 ? rng.pick(pool.ids) : institutionOf(moved);
        current = { sector: moved, institution: newInstitution, updatedAt: changedAt };
        last = Math.max(last, changedAt);
        counts.sectorChanged++;
      }

      // The ~1 % erased afterwards, as anonymiseUser does it: personal fields gone, counting fields kept.
      if (erased) {
        const deletedAt = Math.min(now, Math.max(last + MINUTE, last + (now - last) * rng.between(0.1, 1)));
        t.users.add([
          userId,
          `deleted-${userId}@deleted.invalid`,
          '—',
          null,
          'learner',
          'deleted',
          current.sector,
          current.institution.id,
          null,
          current.institution.region,
          locale,
          sec(createdAt),
          sec(createdAt),
          sec(deletedAt),
          sec(deletedAt),
        ]);
        counts.erased++;
      } else {
        t.users.add([
          userId,
          `${prefix}${i + 1}@example.test`,
          person.name,
          null,
          'learner',
          'active',
          current.sector,
          current.institution.id,
          position,
          current.institution.region,
          locale,
          sec(createdAt),
          sec(createdAt),
          sec(current.updatedAt),
          null,
        ]);
      }
      counts.learners++;
    }
    await flush(client, t);
    options.onProgress?.({ learners: to, total: N, seconds: (performance.now() - began) / 1000 });
  }
  await numberInIssueOrder(client, firstCertificateId, initialSeqs);

  return {
    seed,
    now: new Date(now).toISOString(),
    seconds: Math.round(performance.now() - began) / 1000,
    counts,
  };
}

/**
 * Certificates are generated learner by learner, so their numbers follow the learners, not the
 * calendar. Renumbers the new ones so that each year's numbers follow the issue dates (after the
 * year's highest number before this run), as issuing them one by one would have: first out of
 * the way (negative sequence, a temporary number), then in order, in one transaction.
 */
async function numberInIssueOrder(client: Client, firstId: number, before: Map<number, number>): Promise<void> {
  const bases = [...before].map(([year, seq]) => `SELECT ${Number(year)} AS year, ${Number(seq)} AS top`);
  const base = bases.length > 0 ? bases.join(' UNION ALL ') : 'SELECT NULL AS year, 0 AS top WHERE 0';
  await client.batch(
    [
      { sql: `UPDATE certificates SET seq = -seq, number = number || '~' WHERE id >= ?`, args: [firstId] },
      {
        sql: `WITH base AS (${base}),
              ordered AS (
                SELECT c.id, coalesce(b.top, 0) + row_number() OVER (PARTITION BY c.year ORDER BY c.issued_at, c.id) AS seq
                FROM certificates c LEFT JOIN base b ON b.year = c.year WHERE c.id >= ?)
              UPDATE certificates SET seq = ordered.seq,
                number = ? || '-' || certificates.year || '-' || printf('%06d', ordered.seq)
              FROM ordered WHERE certificates.id = ordered.id`,
        args: [firstId, NUMBER_PREFIX],
      },
    ],
    'write',
  );
}
