/**
 * `npm run bench` (quiz part): answer-save and submit-and-score with 200 concurrent learners,
 * against a bare endpoint on the same server that upserts the same answer row with no session,
 * no checks and no validation (/bench/answer), in alternating rounds of the same run.
 *
 * Learners, enrolments and open attempts are prepared directly in the database (no argon2 per
 * learner, no registration limits), then the built server is started exactly as in production.
 */
import { rmSync } from 'node:fs';
import { benchEnvironment, startServer } from './bench-server.ts';

const PORT = Number(process.env['BENCH_PORT'] ?? 4478);
const BASE = `http://localhost:${PORT}`;
const DATA = 'data/bench-quiz';
const LEARNERS = Number(process.env['BENCH_QUIZ_LEARNERS'] ?? 200);
const ROUNDS = 3;
/** Think time between a learner's answers in the paced runs (real learners take 10 s or more). */
const THINK_MS = Number(process.env['BENCH_QUIZ_THINK_MS'] ?? 1000);
const COURSE = 'common-core';
const ACTIVITY = 'post-test';

rmSync(DATA, { recursive: true, force: true });
const serverEnv = benchEnvironment(DATA, PORT);

// Imported after the environment is set: they read DATABASE_URL and SCORM_DIR on first use.
const { migrateDatabase } = await import('../db/migrate.ts');
const { closeDb, getDb } = await import('../src/lib/db.ts');
const { syncCourses } = await import('../src/lib/courses/sync.ts');
const { enrol } = await import('../src/lib/courses/learning.ts');
const { insertUser } = await import('../src/lib/users/queries.ts');
const { hashPassword } = await import('../src/lib/auth/password.ts');
const { createSession } = await import('../src/lib/auth/session.ts');
const { startAttempt, attemptOf } = await import('../src/lib/quiz/attempts.ts');
const { env } = await import('../src/lib/env/index.ts');
type LayoutQuestion = import('../src/lib/quiz/attempt-layout.ts').LayoutQuestion;
type PartLayout = import('../src/lib/quiz/attempt-layout.ts').PartLayout;
type PartQuestion = import('../src/lib/quiz/schema.ts').PartQuestion;

/** A valid (not necessarily right) answer to a question, as the browser would post it. */
function answerFields(entry: LayoutQuestion): Record<string, string> {
  const part = (q: PartQuestion, layout: PartLayout, prefix: string): Record<string, string> => {
    switch (q.type) {
      case 'single':
      case 'multiple':
        return { [`${prefix}answer`]: layout.options?.[0]?.token ?? '' };
      case 'true-false':
        return { [`${prefix}answer`]: 'true' };
      case 'matching':
        return Object.fromEntries(
          (layout.prompts ?? []).map((p, i) => [`${prefix}match-${p.token}`, layout.answers?.[i]?.token ?? '']),
        );
      case 'ordering':
        return Object.fromEntries(
          (layout.items ?? []).map((item, i) => [`${prefix}position-${item.token}`, String(i + 1)]),
        );
      case 'numeric':
        return { [`${prefix}answer`]: '10,5' };
      case 'short':
        return { [`${prefix}answer`]: 'atstāstīšana' };
    }
  };
  const q = entry.question;
  if (q.type !== 'scenario') return part(q, entry.display, '');
  return Object.assign({}, ...q.parts.map((p) => part(p, entry.parts?.[p.id] ?? {}, `part-${p.id}-`)));
}

interface Learner {
  cookie: string;
  attemptId: number;
  questions: { id: string; fields: Record<string, string> }[];
}

await migrateDatabase(await getDb());
await syncCourses(env().COURSES_DIR);
const passwordHash = await hashPassword('Bench-password-2026');
const learners: Learner[] = [];
for (let i = 0; i < LEARNERS; i++) {
  const user = await insertUser({
    email: `bench-${i}@tilts.test`,
    name: `Bench Learner ${i}`,
    passwordHash,
    role: 'learner',
    sector: 'health',
    region: 'riga',
    institutionId: null,
    position: null,
  });
  await enrol(user.id, COURSE);
  const { token } = await createSession(user.id);
  const attemptId = await startAttempt(user.id, COURSE, ACTIVITY);
  const attempt = await attemptOf(user.id, attemptId);
  learners.push({
    cookie: `tilts_session=${token}`,
    attemptId,
    questions: attempt.layout.questions.map((q) => ({ id: q.question.id, fields: answerFields(q) })),
  });
}
await closeDb();

const server = await startServer(serverEnv, BASE);

async function post(path: string, cookie: string | null, fields: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: {
      Origin: BASE,
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(cookie ? { Cookie: cookie } : { 'X-Bench-Token': serverEnv.BENCH_TOKEN }),
    },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
  await response.arrayBuffer();
  if (response.status !== 303) throw new Error(`${path} answered ${response.status}`);
  return performance.now() - t0;
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
}

/** Every learner at once, each running its requests one after another. */
async function run(each: (learner: Learner) => Promise<number[]>): Promise<Result> {
  const started = performance.now();
  const latencies = (await Promise.all(learners.map(each))).flat().sort((a, b) => a - b);
  const seconds = (performance.now() - started) / 1000;
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

const pause = (paced: boolean) =>
  paced ? new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random()))) : Promise.resolve();
const sequentially = async (
  learner: Learner,
  paced: boolean,
  request: (q: Learner['questions'][number], i: number) => Promise<number>,
) => {
  const out: number[] = [];
  for (const [i, q] of learner.questions.entries()) {
    await pause(paced);
    out.push(await request(q, i));
  }
  return out;
};
const baseline = (paced: boolean) =>
  run((l) =>
    sequentially(l, paced, (q) =>
      post('/bench/answer', null, { attempt: String(l.attemptId), question: q.id, response: JSON.stringify(q.fields) }),
    ),
  );
const saves = (paced: boolean) =>
  run((l) =>
    sequentially(l, paced, (q, i) =>
      post(`/quiz/${l.attemptId}`, l.cookie, { ...q.fields, question: String(i + 1), go: 'next' }),
    ),
  );

const line = (name: string, r: Result, ratio?: string) =>
  console.log(
    name.padEnd(52),
    r.rps.toFixed(0).padStart(8),
    r.p50.toFixed(1).padStart(8),
    r.p99.toFixed(1).padStart(8),
    (ratio ?? '').padStart(8),
  );

try {
  await baseline(false); // warm-up of both paths, so that neither is measured cold
  await saves(false);
  const questions = learners[0]?.questions.length ?? 0;
  console.log(`\nQuizzes: ${LEARNERS} concurrent learners, ${questions} questions each, ${ROUNDS} alternating rounds`);
  console.log('name'.padEnd(52), 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'ratio'.padStart(8));
  console.log(`paced: each learner answers every ${THINK_MS / 2}–${(THINK_MS * 3) / 2} ms (ratio: p99 / bare p99)`);
  for (let round = 1; round <= ROUNDS; round++) {
    const base = await baseline(true);
    const save = await saves(true);
    line(`  round ${round}: bare upsert (/bench/answer)`, base);
    line(`  round ${round}: answer-save (POST /quiz/:id)`, save, (save.p99 / base.p99).toFixed(2));
  }
  console.log('flat out: every learner sends the next answer at once (ratio: req/s / bare req/s)');
  for (let round = 1; round <= ROUNDS; round++) {
    const base = await baseline(false);
    const save = await saves(false);
    line(`  round ${round}: bare upsert (/bench/answer)`, base);
    line(`  round ${round}: answer-save (POST /quiz/:id)`, save, (save.rps / base.rps).toFixed(2));
  }
  const submit = await run(async (l) => {
    await pause(true);
    return [await post(`/quiz/${l.attemptId}`, l.cookie, { question: '0', go: 'submit' })];
  });
  line('submit-and-score, paced (once per learner)', submit);
} finally {
  server.stop();
}
