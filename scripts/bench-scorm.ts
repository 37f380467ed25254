/**
 * `npm run bench` (SCORM part): N simulated learners each committing a realistic SCORM 1.2 CMI
 * payload every 10 s to POST /api/scorm/commit, against a bare endpoint on the same server that
 * upserts the same scorm_sco_states row with no session, no checks and no validation
 * (/bench/scorm-upsert), in alternating rounds of the same run (real/bare/real/bare), at
 * N = 200, 1,000 and 5,000 learners; then both flat out (64 requesters, no pacing), where the
 * throughput ratio is meaningful: paced, both keep up until the server saturates.
 *
 * Aim (issue): at 1,000 learners, p99 < 50 ms and at least 0.5 of the bare endpoint's throughput.
 * Figures are quoted as ratios against the bare endpoint measured in the same run; client and
 * server share the machine (2 cores), which costs both endpoints alike.
 *
 * Learners, sessions and enrolments are inserted in bulk (no argon2, no registration limits);
 * each learner's attempt and launch come from openPlayer, exactly as the player page makes them.
 * The built server is then started as in production. Environment:
 *   BENCH_SCORM_LEARNERS        "200,1000,5000"  learner counts of the paced runs
 *   BENCH_SCORM_SECONDS         30               measured window of each paced run
 *   BENCH_SCORM_WARMUP_SECONDS  10               paced warm-up before it (commits not recorded)
 *   BENCH_SCORM_INTERVAL_SECONDS 10              time between a learner's commits
 *   BENCH_SCORM_ROUNDS          2                alternating real/bare rounds per learner count
 *   BENCH_SCORM_FLAT_SECONDS    10               measured window of each flat-out run
 *   BENCH_SCORM_FLAT_CONCURRENCY 64              requesters of the flat-out runs
 *   BENCH_SCORM_FLAT_LEARNERS   1000             learners (rows) the flat-out requesters write to
 * Results are printed and written to data/bench-scorm/results.json.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { benchEnvironment, startServer } from './bench-server.ts';

const PORT = Number(process.env['BENCH_PORT'] ?? 4480);
const BASE = `http://localhost:${PORT}`;
const DATA = 'data/bench-scorm';
const COURSE = 'common-core';
const ACTIVITY = 'culture-check';
const COUNTS = (process.env['BENCH_SCORM_LEARNERS'] ?? '200,1000,5000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const seconds = (name: string, fallback: number) => Number(process.env[name] ?? fallback) * 1000;
const MEASURE_MS = seconds('BENCH_SCORM_SECONDS', 30);
const WARMUP_MS = seconds('BENCH_SCORM_WARMUP_SECONDS', 10);
const INTERVAL_MS = seconds('BENCH_SCORM_INTERVAL_SECONDS', 10);
const ROUNDS = Number(process.env['BENCH_SCORM_ROUNDS'] ?? 2);
const FLAT_MS = seconds('BENCH_SCORM_FLAT_SECONDS', 10);
const FLAT_CONCURRENCY = Number(process.env['BENCH_SCORM_FLAT_CONCURRENCY'] ?? 64);
const MAX_LEARNERS = Math.max(...COUNTS);
const FLAT_LEARNERS = Math.min(MAX_LEARNERS, Number(process.env['BENCH_SCORM_FLAT_LEARNERS'] ?? 1000));
/** The learner count the issue's aim is about (else the largest measured). */
const AIM_LEARNERS = COUNTS.includes(1000) ? 1000 : MAX_LEARNERS;
/** A request still unanswered after this is an error (and the server is hopelessly behind). */
const TIMEOUT_MS = 30_000;

if (COUNTS.length === 0) throw new Error('BENCH_SCORM_LEARNERS must list learner counts, e.g. "200,1000,5000"');
if (!existsSync('dist/server/entry.mjs')) throw new Error('the app is not built: run "astro build" first');

rmSync(DATA, { recursive: true, force: true });
const serverEnv = benchEnvironment(DATA, PORT);

// Imported after the environment is set: they read DATABASE_URL and SCORM_DIR on first use.
const { migrateDatabase } = await import('../db/migrate.ts');
const { enrolments, sessions, users } = await import('../db/schema/index.ts');
const { closeDb, getDb } = await import('../src/lib/db.ts');
const { syncCourses } = await import('../src/lib/courses/sync.ts');
const { getPublishedCourse } = await import('../src/lib/courses/learning.ts');
const { generateToken, hashToken } = await import('../src/lib/auth/tokens.ts');
const { SESSION_LIFETIME_MS } = await import('../src/lib/auth/session.ts');
const { launchPlayer, openPlayer } = await import('../src/lib/scorm/player.ts');
const { validateCommit } = await import('../src/lib/scorm/runtime/validate-commit.ts');
const { env } = await import('../src/lib/env/index.ts');
type SessionUser = import('../src/lib/auth/types.ts').SessionUser;

interface Learner {
  index: number;
  userId: number;
  name: string;
  cookie: string;
  attempt: number;
  token: string;
  item: string;
  session: number;
  /**
   * The next sequence number, shared by both endpoints: the bare upsert writes it into the row
   * too, so the real endpoint's "only a newer seq is stored" rule holds across alternating rounds
   * and every real commit is a real write, never an acknowledged duplicate.
   */
  seq: number;
}

// ---------------------------------------------------------------------------------------------
// The payload: what scorm-again's getFlattenedCMI sends for an authoring-tool (Storyline-like)
// SCORM 1.2 module halfway through: all values strings, read-only echoes included.

/** A deterministic pseudo-random stream (xorshift32): the same payloads in every run. */
function random(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/**
 * Compressed-looking suspend data to slice from: Storyline stores its state as base64-ish text
 * with `~` and `^` separators. Slices of varying length and offset make every commit different
 * without costing the client a fresh random string each time.
 */
const SUSPEND_POOL = (() => {
  const next = random(20_260);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  while (out.length < 16_384) {
    const run = 8 + Math.floor(next() * 56);
    for (let i = 0; i < run; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    out += next() < 0.7 ? '~2' : '^1^';
  }
  return out;
})();

const INTERACTIONS = 10;

function payload(learner: Learner, seq: number): Record<string, string> {
  const mix = Math.imul(seq, 2_654_435_761) ^ Math.imul(learner.index, 40_503);
  const length = 4096 + ((mix >>> 0) % 4096); // 4–8 KB
  const offset = ((mix >>> 12) >>> 0) % (SUSPEND_POOL.length - length);
  const slide = 1 + ((seq + learner.index) % 40);
  const cmi: Record<string, string> = {
    'cmi.core.student_id': String(learner.userId),
    'cmi.core.student_name': learner.name,
    'cmi.core.lesson_location': `6Bd5ZzIblKd/slide${slide}`,
    'cmi.core.credit': 'credit',
    'cmi.core.lesson_status': 'incomplete',
    'cmi.core.entry': 'resume',
    'cmi.core.score.raw': '',
    'cmi.core.score.min': '',
    'cmi.core.score.max': '',
    'cmi.core.total_time': '00:14:03',
    'cmi.core.lesson_mode': 'normal',
    'cmi.core.exit': 'suspend',
    'cmi.core.session_time': '00:05:12',
    'cmi.suspend_data': `2b2a60708090${seq.toString(36)}~2${SUSPEND_POOL.slice(offset, offset + length)}`,
    'cmi.launch_data': '',
    'cmi.student_data.mastery_score': '80',
  };
  for (let i = 0; i < INTERACTIONS; i++) {
    const n = `cmi.interactions.${i}`;
    cmi[`${n}.id`] = `Scene1_QuestionDraw01_Slide${i + 1}_MultiChoice_0_0`;
    cmi[`${n}.type`] = 'choice';
    cmi[`${n}.time`] = '10:12:33';
    cmi[`${n}.weighting`] = '1';
    cmi[`${n}.student_response`] = 'a';
    cmi[`${n}.result`] = (seq + i) % 3 === 0 ? 'wrong' : 'correct';
    cmi[`${n}.latency`] = '00:00:12';
  }
  return cmi;
}

// ---------------------------------------------------------------------------------------------
// Preparation, directly in the database.

// The payload must be one the server stores, or the benchmark would measure refusals: checked
// with the server's own validator before anything else is prepared.
const sample: Learner = {
  index: 0,
  userId: 1,
  name: 'Bench Learner 0',
  cookie: '',
  attempt: 1,
  token: '',
  item: ACTIVITY,
  session: 1,
  seq: 1,
};
const checked = validateCommit('1.2', payload(sample, 1));
if (!checked.ok) {
  throw new Error(
    `the benchmark's CMI payload is refused by the validator:\n${checked.errors.map((e) => `  ${e.element}: ${e.problem}`).join('\n')}`,
  );
}
const sampleBytes = Buffer.byteLength(JSON.stringify(payload(sample, 1)));

const prepStarted = performance.now();
await migrateDatabase(await getDb());
await syncCourses(env().COURSES_DIR);
const course = await getPublishedCourse(COURSE);
if (!course) throw new Error(`course ${COURSE} is not published after the sync`);
const db = await getDb();
const now = new Date();
const learners: Learner[] = [];
// Multi-row inserts of a few hundred rows: 5,000 learners one by one would take a while.
const CHUNK = 500;
for (let from = 0; from < MAX_LEARNERS; from += CHUNK) {
  const indices = Array.from({ length: Math.min(CHUNK, MAX_LEARNERS - from) }, (_, i) => from + i);
  const created = await db
    .insert(users)
    .values(
      indices.map((i) => ({
        email: `bench-scorm-${i}@tilts.test`,
        name: `Bench Learner ${i}`,
        passwordHash: null,
        role: 'learner' as const,
        sector: 'health' as const,
        region: 'riga' as const,
        institutionId: null,
        position: null,
      })),
    )
    .returning({ id: users.id, email: users.email, name: users.name });
  const ids = new Map(created.map((u) => [u.email, u]));
  const tokens = new Map<number, string>();
  for (const i of indices) {
    const user = ids.get(`bench-scorm-${i}@tilts.test`);
    if (!user) throw new Error(`learner ${i} was not created`);
    tokens.set(user.id, generateToken());
  }
  await db.insert(sessions).values(
    [...tokens].map(([userId, token]) => ({
      id: hashToken(token),
      userId,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
      createdAt: now,
    })),
  );
  await db.insert(enrolments).values(
    [...tokens.keys()].map((userId) => ({
      userId,
      courseId: course.id,
      courseVersionId: course.versionId,
      enrolledAt: now,
    })),
  );
  for (const i of indices) {
    const user = ids.get(`bench-scorm-${i}@tilts.test`);
    if (!user) continue;
    learners.push({
      index: i,
      userId: user.id,
      name: user.name,
      cookie: `tilts_session=${tokens.get(user.id) ?? ''}`,
      attempt: 0,
      token: '',
      item: '',
      session: 0,
      seq: 1,
    });
  }
}
const bulkMs = performance.now() - prepStarted;

// The attempt and the launch as the player page makes them (one launch per learner: commits
// carry its session number, and any later launch would make them stale).
const openStarted = performance.now();
for (const learner of learners) {
  const user: SessionUser = {
    id: learner.userId,
    email: `bench-scorm-${learner.index}@tilts.test`,
    name: learner.name,
    role: 'learner',
    locale: 'lv',
    sector: 'health',
    region: 'riga',
    institutionId: null,
  };
  const { launch } = await openPlayer(user, COURSE, ACTIVITY, null);
  if (!launch) throw new Error(`${ACTIVITY} is locked for learner ${learner.index}`);
  if (launch.api !== '1.2') throw new Error(`${ACTIVITY} is SCORM ${launch.api}; this benchmark sends 1.2 data`);
  // The launch the player page's script would ask for (it gives the session commits carry).
  const started = await launchPlayer(user, { attempt: launch.attempt, item: launch.item, token: launch.token });
  Object.assign(learner, { attempt: launch.attempt, token: launch.token, item: launch.item, session: started.session });
}
const openMs = performance.now() - openStarted;
await closeDb();

console.log(
  `\nprepared ${learners.length.toLocaleString('en')} learners: migrate, sync and bulk users/sessions/enrolments ${(bulkMs / 1000).toFixed(1)} s,` +
    ` openPlayer + launch ${(openMs / 1000).toFixed(1)} s (${(openMs / learners.length).toFixed(2)} ms each); CMI payload ~${(sampleBytes / 1024).toFixed(1)} KB`,
);

// ---------------------------------------------------------------------------------------------
// The client: node:http with keep-alive. Without connection reuse, 500 commits/s would spend
// the client's (and the server's) time on TCP handshakes; 256 sockets are more than the
// server can use at once on two cores, so the pool never limits it before the server does.

const agent = new Agent({ keepAlive: true, maxSockets: 256 });
type Endpoint = 'real' | 'bare';
const PATHS: Record<Endpoint, string> = { real: '/api/scorm/commit', bare: '/bench/scorm-upsert' };
const LABELS: Record<Endpoint, string> = {
  real: 'commit (POST /api/scorm/commit)',
  bare: 'bare upsert (/bench/scorm-upsert)',
};

interface Answer {
  status: number;
  body: string;
}

function post(path: string, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${BASE}${path}`,
      {
        method: 'POST',
        agent,
        headers: {
          Origin: BASE,
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
          ...headers,
        },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * One commit of a learner to an endpoint: null when it was stored, else why not. A 200 from the
 * real endpoint that is not "stored" (a duplicate) counts as a failure: it wrote nothing.
 */
async function commit(endpoint: Endpoint, learner: Learner): Promise<string | null> {
  const seq = learner.seq++;
  const body = JSON.stringify({
    attempt: learner.attempt,
    item: learner.item,
    session: learner.session,
    seq,
    token: learner.token,
    cmi: payload(learner, seq),
  });
  try {
    const answer = await post(
      PATHS[endpoint],
      endpoint === 'real' ? { Cookie: learner.cookie } : { 'X-Bench-Token': serverEnv.BENCH_TOKEN },
      body,
    );
    if (answer.status !== 200) return `HTTP ${answer.status} ${answer.body.slice(0, 200)}`;
    if (endpoint === 'real' && !answer.body.includes('"status":"stored"')) return `200 not stored: ${answer.body}`;
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

// ---------------------------------------------------------------------------------------------
// Measurement.

interface Run {
  endpoint: Endpoint;
  round: number;
  learners: number;
  /** Commits per second the learners asked for (null when flat out). */
  offered: number | null;
  /** Stored commits completed within the measured window, per second. */
  achieved: number;
  p50: number;
  p99: number;
  max: number;
  /** Commits recorded (their latency counted). */
  commits: number;
  errors: number;
  firstError: string | null;
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
/** Each run's sorted latencies, kept aside for pooling the rounds (and out of the JSON). */
const latenciesOf = new WeakMap<Run, number[]>();

function summarise(
  base: Omit<Run, 'achieved' | 'p50' | 'p99' | 'max' | 'commits' | 'errors' | 'firstError'>,
  latencies: number[],
  completedInWindow: number,
  windowMs: number,
  failures: string[],
): Run {
  const sorted = latencies.sort((a, b) => a - b);
  const run: Run = {
    ...base,
    achieved: completedInWindow / (windowMs / 1000),
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
    commits: sorted.length,
    errors: failures.length,
    firstError: failures[0] ?? null,
  };
  latenciesOf.set(run, sorted);
  return run;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The paced load: learner i commits at offset i/N × interval, then every interval. A learner
 * whose previous commit is still unanswered waits for it (the player's commits of one launch
 * are sequential, and seq must grow), and latency is measured from when the commit was DUE, not
 * from when it was sent: a server falling behind shows as growing latency instead of silently
 * lowering the offered rate (no coordinated omission). Commits due in the warm-up are not
 * recorded; throughput counts the stored commits completed within the measured window.
 */
async function paced(endpoint: Endpoint, round: number, count: number): Promise<Run> {
  const group = learners.slice(0, count);
  const latencies: number[] = [];
  const failures: string[] = [];
  let completedInWindow = 0;
  const t0 = performance.now() + 50;
  const windowStart = t0 + WARMUP_MS;
  const windowEnd = windowStart + MEASURE_MS;
  await Promise.all(
    group.map(async (learner, i) => {
      for (let due = t0 + (i / count) * INTERVAL_MS; due < windowEnd; due += INTERVAL_MS) {
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const failure = await commit(endpoint, learner);
        const done = performance.now();
        if (!failure && done >= windowStart && done <= windowEnd) completedInWindow++;
        if (due < windowStart) continue;
        latencies.push(done - due);
        if (failure) failures.push(failure);
      }
    }),
  );
  return summarise(
    { endpoint, round, learners: count, offered: count / (INTERVAL_MS / 1000) },
    latencies,
    completedInWindow,
    MEASURE_MS,
    failures,
  );
}

/**
 * Flat out: FLAT_CONCURRENCY requesters, each sending its own learners' commits back to back
 * (a learner belongs to one requester, so its seq still grows in order). One second of warm-up
 * is not recorded. Latency is per request here: nothing is due at a given time.
 */
async function flatOut(endpoint: Endpoint, round: number): Promise<Run> {
  const group = learners.slice(0, FLAT_LEARNERS);
  const latencies: number[] = [];
  const failures: string[] = [];
  let completedInWindow = 0;
  const windowStart = performance.now() + 1000;
  const windowEnd = windowStart + FLAT_MS;
  await Promise.all(
    Array.from({ length: Math.min(FLAT_CONCURRENCY, group.length) }, async (_, r) => {
      const own = group.filter((_l, i) => i % FLAT_CONCURRENCY === r);
      for (let k = 0; performance.now() < windowEnd; k++) {
        const learner = own[k % own.length];
        if (!learner) break;
        const sent = performance.now();
        const failure = await commit(endpoint, learner);
        const done = performance.now();
        if (sent < windowStart) continue;
        latencies.push(done - sent);
        if (failure) failures.push(failure);
        else if (done <= windowEnd) completedInWindow++;
      }
    }),
  );
  return summarise(
    { endpoint, round, learners: group.length, offered: null },
    latencies,
    completedInWindow,
    FLAT_MS,
    failures,
  );
}

/** Several runs of one endpoint as one: mean throughput, latencies over all their commits. */
type Pooled = Omit<Run, 'round'> & { rounds: number };

function pooled(runs: Run[]): Pooled {
  const first = runs[0];
  if (!first) throw new Error('no runs to pool');
  const latencies = runs.flatMap((r) => latenciesOf.get(r) ?? []).sort((a, b) => a - b);
  return {
    endpoint: first.endpoint,
    learners: first.learners,
    offered: first.offered,
    rounds: runs.length,
    achieved: runs.reduce((s, r) => s + r.achieved, 0) / runs.length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? 0,
    commits: latencies.length,
    errors: runs.reduce((s, r) => s + r.errors, 0),
    firstError: runs.find((r) => r.firstError)?.firstError ?? null,
  };
}

// ---------------------------------------------------------------------------------------------

const fmt = (n: number | null, digits = 1) => (n === null ? '–' : n.toFixed(digits));
const header = () =>
  console.log(
    'run'.padEnd(60),
    'offered/s'.padStart(10),
    'stored/s'.padStart(9),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'max ms'.padStart(8),
    'errors'.padStart(7),
    'ratio'.padStart(7),
    'p99×'.padStart(7),
  );
const line = (name: string, r: Omit<Run, 'round'>, ratio?: number | null, p99Ratio?: number | null) =>
  console.log(
    name.padEnd(60),
    fmt(r.offered).padStart(10),
    fmt(r.achieved).padStart(9),
    fmt(r.p50).padStart(8),
    fmt(r.p99).padStart(8),
    fmt(r.max, 0).padStart(8),
    String(r.errors).padStart(7),
    (ratio === undefined ? '' : fmt(ratio, 2)).padStart(7),
    (p99Ratio === undefined ? '' : fmt(p99Ratio, 2)).padStart(7),
  );

const ratio = (real: Pooled, bare: Pooled | null) => ({
  throughputRatio: bare && bare.achieved > 0 ? real.achieved / bare.achieved : null,
  p99Ratio: bare && bare.p99 > 0 ? real.p99 / bare.p99 : null,
});

const server = await startServer(serverEnv, BASE);
try {
  // Both endpoints must take one commit before anything is measured: a refused payload or a
  // dist/ built before the bare endpoint existed would otherwise be measured as speed.
  const probe = learners[0];
  if (!probe) throw new Error('no learners');
  const realProbe = await commit('real', probe);
  if (realProbe) throw new Error(`the commit endpoint refused the benchmark's commit: ${realProbe}`);
  const bareProbe = await commit('bare', probe);
  const bareMissing = bareProbe?.startsWith('HTTP 404') ?? false;
  if (bareProbe && !bareMissing) throw new Error(`the bare endpoint failed: ${bareProbe}`);
  if (bareMissing) {
    console.log(
      '\nbare endpoint missing: rebuild (dist/ predates src/pages/bench/scorm-upsert.ts); measuring the commit endpoint only, no ratios',
    );
  }
  const endpoints: Endpoint[] = bareMissing ? ['real'] : ['real', 'bare'];

  console.log(
    `\nSCORM commits: each learner commits ~${(sampleBytes / 1024).toFixed(1)} KB of CMI every ${INTERVAL_MS / 1000} s` +
      ` (${WARMUP_MS / 1000} s warm-up, ${MEASURE_MS / 1000} s measured), ${ROUNDS} alternating round(s).`,
  );
  console.log(
    'Latency counts from when a commit was due; ratio: stored/s ÷ bare stored/s; p99×: p99 ÷ bare p99 (same run).',
  );
  header();
  const pacedResults = [];
  for (const count of COUNTS) {
    const runs: Run[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const endpoint of endpoints) {
        const run = await paced(endpoint, round, count);
        runs.push(run);
        line(`  ${count} learners, round ${round}: ${LABELS[endpoint]}`, run);
      }
    }
    const real = pooled(runs.filter((r) => r.endpoint === 'real'));
    const bare = bareMissing ? null : pooled(runs.filter((r) => r.endpoint === 'bare'));
    const ratios = ratio(real, bare);
    if (bare) line(`${count} learners, all rounds: bare upsert`, bare);
    line(`${count} learners, all rounds: commit`, real, ratios.throughputRatio, ratios.p99Ratio);
    pacedResults.push({ learners: count, rounds: runs, real, bare, ...ratios });
  }

  console.log(
    `\nFlat out: ${Math.min(FLAT_CONCURRENCY, FLAT_LEARNERS)} requesters sending commits back to back to ${FLAT_LEARNERS} learners' rows` +
      ` (${FLAT_MS / 1000} s measured after 1 s), ${ROUNDS} alternating round(s); latency per request`,
  );
  header();
  const flatRuns: Run[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const endpoint of endpoints) {
      const run = await flatOut(endpoint, round);
      flatRuns.push(run);
      line(`  round ${round}: ${LABELS[endpoint]}`, run);
    }
  }
  const flatReal = pooled(flatRuns.filter((r) => r.endpoint === 'real'));
  const flatBare = bareMissing ? null : pooled(flatRuns.filter((r) => r.endpoint === 'bare'));
  const flatRatios = ratio(flatReal, flatBare);
  if (flatBare) line('all rounds: bare upsert', flatBare);
  line('all rounds: commit', flatReal, flatRatios.throughputRatio, flatRatios.p99Ratio);

  const aim = pacedResults.find((r) => r.learners === AIM_LEARNERS);
  const p99Met = aim ? aim.real.p99 < 50 && aim.real.errors === 0 : false;
  const ratioMet = flatRatios.throughputRatio === null ? null : flatRatios.throughputRatio >= 0.5;
  const summary =
    `SCORM commit: at ${AIM_LEARNERS.toLocaleString('en')} learners p99 ${fmt(aim?.real.p99 ?? null)} ms` +
    ` (aim < 50 ms: ${p99Met ? 'met' : 'NOT met'}), ${fmt(aim?.real.achieved ?? null)} of ${fmt(aim?.real.offered ?? null)} commits/s stored,` +
    ` ${aim?.real.errors ?? 0} errors; flat out ${fmt(flatReal.achieved, 0)} commits/s` +
    (flatBare
      ? ` = ${fmt(flatRatios.throughputRatio, 2)} × bare ${fmt(flatBare.achieved, 0)}/s (aim ≥ 0.5: ${ratioMet ? 'met' : 'NOT met'})`
      : ' (bare endpoint missing: rebuild for the ratio)');
  console.log(`\n${summary}`);

  mkdirSync(DATA, { recursive: true });
  writeFileSync(
    `${DATA}/results.json`,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: { cpus: availableParallelism(), node: process.version },
        config: {
          learners: COUNTS,
          intervalSeconds: INTERVAL_MS / 1000,
          warmupSeconds: WARMUP_MS / 1000,
          measuredSeconds: MEASURE_MS / 1000,
          rounds: ROUNDS,
          flat: { seconds: FLAT_MS / 1000, concurrency: FLAT_CONCURRENCY, learners: FLAT_LEARNERS },
          payloadBytes: sampleBytes,
        },
        preparation: { learners: learners.length, bulkMs, openPlayerMs: openMs },
        bareMissing,
        paced: pacedResults,
        flat: { rounds: flatRuns, real: flatReal, bare: flatBare, ...flatRatios },
        aim: { learners: AIM_LEARNERS, p99Below50ms: p99Met, flatThroughputRatioAtLeastHalf: ratioMet },
        summary,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`results written to ${DATA}/results.json`);
} finally {
  server.stop();
  agent.destroy();
}
