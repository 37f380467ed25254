/**
 * `npm run bench`: speed of learner pages against a baseline measured in the same run, on this
 * machine. Starts the built server on its own database, logs a learner in, enrols her, then
 * loads each target with the same concurrency and reports requests/s, p50, p99, and the ratio
 * to the baseline (a bare Astro page that does one database read: /bench/baseline). Also reports the
 * JavaScript each learner page ships (gzip). Timings vary between machines; compare ratios.
 */
import { rmSync } from 'node:fs';
import { startServer } from './bench-server.ts';
import { gzipSync } from 'node:zlib';

const PORT = Number(process.env['BENCH_PORT'] ?? 4477);
const BASE = `http://localhost:${PORT}`;
const DATA = 'data/bench';
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 4200);
const WARM_UP = Number(process.env['BENCH_WARM_UP'] ?? 1000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 16);

/** Logs in through the form like a browser and returns the session cookie. */
async function login(email: string, password: string): Promise<string> {
  const response = await fetch(`${BASE}/login`, {
    method: 'POST',
    headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }),
    redirect: 'manual',
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tilts_session='));
  if (!cookie) throw new Error(`login failed (${response.status})`);
  return cookie.split(';')[0] ?? '';
}

async function post(path: string, cookie: string): Promise<Response> {
  return fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { Origin: BASE, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: '',
    redirect: 'manual',
  });
}

interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
}

async function load(name: string, path: string, cookie?: string, requests = REQUESTS): Promise<Result> {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  // Warm-up: compile paths, fill caches.
  for (let i = 0; i < 20; i++) await (await fetch(`${BASE}${path}`, { headers })).arrayBuffer();
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests) {
        next++;
        const t0 = performance.now();
        const response = await fetch(`${BASE}${path}`, { headers, redirect: 'manual' });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { name, rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

/** Bytes of JavaScript a page makes the browser load (external and inline), gzipped. */
async function javascriptOf(path: string, cookie: string): Promise<number> {
  const html = await (await fetch(`${BASE}${path}`, { headers: { Cookie: cookie } })).text();
  let total = 0;
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /src="([^"]+)"/.exec(match[1] ?? '')?.[1];
    const code = src ? await (await fetch(new URL(src, BASE))).text() : (match[2] ?? '');
    total += gzipSync(code).length;
  }
  return total;
}

rmSync(DATA, { recursive: true, force: true });
const server = await startServer(
  {
    ...process.env,
    PORT: String(PORT),
    DATABASE_URL: `file:./${DATA}/tilts.db`,
    OUTBOX_DIR: `./${DATA}/outbox`,
    SEED_DEMO: '1',
    BENCH_BASELINE: '1',
  },
  BASE,
);
try {
  const cookie = await login('teacher@tilts.demo', 'Tilts-demo-2026');
  const enrolled = await post('/courses/education', cookie);
  if (enrolled.status !== 303) throw new Error(`enrolment failed (${enrolled.status})`);
  // The course's first lesson (its first activity is the pre-test).
  const lesson = '/learn/education/culture-and-school';

  // The machine is noisy: each page is measured in alternating rounds with the baseline, the
  // ratio taken per round, and the median reported, so that a slow moment hits both sides.
  const ROUNDS = 7;
  const perRound = Math.max(100, Math.floor(REQUESTS / ROUNDS));
  const targets: [string, string, string | undefined][] = [
    ['My learning (/learning), logged in', '/learning', cookie],
    [`lesson page (${lesson}), logged in`, lesson, cookie],
    ['catalogue (/courses), logged in', '/courses', cookie],
  ];
  // Warm every path up first (JIT, caches), or whichever is measured later looks faster.
  for (const [name, path, auth] of [['baseline', '/bench/baseline', undefined], ...targets] as const) {
    await load(name, path, auth, WARM_UP);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  console.log(
    `\n${ROUNDS} rounds of ${perRound} requests per target, ${CONCURRENCY} at a time, on ${process.platform}/${process.arch}`,
  );
  console.log('baseline: a bare Astro page doing one database read (/bench/baseline)\n');
  console.log(
    'target'.padEnd(58),
    'req/s'.padStart(8),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'base/s'.padStart(8),
    'ratio'.padStart(7),
    '  rounds',
  );
  for (const [name, path, auth] of targets) {
    const rounds: { base: Result; page: Result }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      rounds.push({
        base: await load('baseline', '/bench/baseline', undefined, perRound),
        page: await load(name, path, auth, perRound),
      });
    }
    const ratios = rounds.map((r) => r.page.rps / r.base.rps);
    console.log(
      name.padEnd(58),
      median(rounds.map((r) => r.page.rps))
        .toFixed(0)
        .padStart(8),
      median(rounds.map((r) => r.page.p50))
        .toFixed(1)
        .padStart(8),
      median(rounds.map((r) => r.page.p99))
        .toFixed(1)
        .padStart(8),
      median(rounds.map((r) => r.base.rps))
        .toFixed(0)
        .padStart(8),
      median(ratios).toFixed(2).padStart(7),
      `  ${ratios.map((r) => r.toFixed(2)).join(', ')}`,
    );
  }
  console.log('\nJavaScript shipped (gzip):');
  for (const path of ['/learning', lesson, '/courses', '/courses/education']) {
    console.log(`  ${path.padEnd(40)} ${(await javascriptOf(path, cookie)).toLocaleString('en')} bytes`);
  }
} finally {
  server.stop();
}
