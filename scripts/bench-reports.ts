/**
 * The reports at scale: a database seeded with BENCH_REPORT_LEARNERS (100,000) learners by
 * `seed --scale`, the built server on it, an admin logged in. Measures, in one run:
 * - the bare baseline page (one database read) and the dashboard, sequentially: p50/p99;
 * - the dashboard right after one learner's change (their participations read again) and after
 *   a change everyone depends on (everything read again): p50;
 * - the participant list streamed as CSV: time, rows, and the server's peak memory;
 * - the XLSX workbook: time and peak memory.
 * The seeded database is kept in data/bench-reports for the next run (delete it to reseed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { createClient } from '@libsql/client';
import { startServer } from './bench-server.ts';

const PORT = Number(process.env['BENCH_PORT'] ?? 4479);
const BASE = `http://localhost:${PORT}`;
const LEARNERS = Number(process.env['BENCH_REPORT_LEARNERS'] ?? 100_000);
const DATA = `data/bench-reports-${LEARNERS}`;
const DATABASE_URL = `file:./${DATA}/tilts.db`;
const SAMPLES = Number(process.env['BENCH_REPORT_SAMPLES'] ?? 200);

const env = {
  ...process.env,
  DATABASE_URL,
  PORT: String(PORT),
  OUTBOX_DIR: `./${DATA}/outbox`,
  SEED_DEMO: '0',
  BENCH_BASELINE: '1',
  ASTRO_TELEMETRY_DISABLED: '1',
};
const tilts = (...args: string[]) =>
  execFileSync('node', ['src/cli/index.ts', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] }).toString();

function seed(): void {
  const marker = `${DATA}/seeded`;
  if (existsSync(marker)) return;
  mkdirSync(DATA, { recursive: true });
  console.log(`seeding ${LEARNERS.toLocaleString('en')} learners into ${DATA} (kept for later runs)…`);
  const started = performance.now();
  tilts('db', 'migrate');
  tilts('seed', '--demo');
  tilts('seed', '--scale', String(LEARNERS));
  writeFileSync(marker, new Date().toISOString());
  console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function login(): Promise<string> {
  const response = await fetch(`${BASE}/login`, {
    method: 'POST',
    headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'admin@tilts.demo', password: 'Tilts-demo-2026' }),
    redirect: 'manual',
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tilts_session='));
  if (!cookie) throw new Error(`login failed (${response.status})`);
  return cookie.split(';')[0] ?? '';
}

async function timed(path: string, cookie?: string): Promise<{ ms: number; bytes: number; status: number }> {
  const started = performance.now();
  const response = await fetch(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  const body = new Uint8Array(await response.arrayBuffer());
  return { ms: performance.now() - started, bytes: body.length, status: response.status };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** The server's node process (npm starts it) and its peak resident memory so far. */
function serverPid(): number {
  const out = execFileSync('pgrep', ['-f', `src/cli/index.ts serve`]).toString().trim().split('\n');
  // npm runs it through a shell: the one to watch is the node process itself.
  for (const pid of out.map(Number)) {
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
    if (environ.includes(`PORT=${PORT}`) && readlinkSync(`/proc/${pid}/exe`).endsWith('/node')) return pid;
  }
  throw new Error('server process not found');
}
const memory = (pid: number, field: 'VmHWM' | 'VmRSS') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function main() {
  seed();
  const server = await startServer(env, BASE);
  try {
    const cookie = await login();
    const pid = serverPid();
    const client = createClient({ url: DATABASE_URL });
    const counts = await client.execute(
      'SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM enrolments) AS enrolments',
    );
    console.log(`database: ${counts.rows[0]?.['users']} people, ${counts.rows[0]?.['enrolments']} enrolments`);

    const first = await timed('/reports', cookie);
    if (first.status !== 200) throw new Error(`dashboard answered ${first.status}`);
    console.log(`dashboard, first request (reads every participation): ${first.ms.toFixed(0)} ms`);

    // Alternating rounds so that both see the same machine state.
    const baseline: number[] = [];
    const dashboard: number[] = [];
    for (let i = 0; i < 20; i++) await timed('/bench/baseline');
    for (let i = 0; i < SAMPLES; i++) {
      baseline.push((await timed('/bench/baseline')).ms);
      dashboard.push((await timed('/reports', cookie)).ms);
    }
    // 50 requests over 27 filter combinations: the first of each computes, the others are cached.
    const filtered: number[] = [];
    for (let i = 0; i < 50; i++) {
      const sector = ['education', 'police', 'health'][i % 3];
      filtered.push((await timed(`/reports?sector=${sector}&by=quarter&from=2025-0${1 + (i % 9)}-01`, cookie)).ms);
    }
    // After a learner's change (the data version moves; that person's participations are read again).
    const changed: number[] = [];
    for (let i = 0; i < 20; i++) {
      await client.execute(
        'UPDATE enrolments SET started_at = started_at WHERE id = (SELECT id FROM enrolments ORDER BY random() LIMIT 1)',
      );
      changed.push((await timed('/reports', cookie)).ms);
    }
    // After a change everyone's figures depend on (a course re-synced): everything is read again.
    const full: number[] = [];
    for (let i = 0; i < 5; i++) {
      await client.execute('UPDATE courses SET status = status WHERE id = (SELECT min(id) FROM courses)');
      full.push((await timed('/reports', cookie)).ms);
    }
    console.log(
      `baseline page:                 p50 ${percentile(baseline, 50).toFixed(1)} ms, p99 ${percentile(baseline, 99).toFixed(1)} ms`,
    );
    console.log(
      `dashboard (data unchanged):    p50 ${percentile(dashboard, 50).toFixed(1)} ms, p99 ${percentile(dashboard, 99).toFixed(1)} ms  (aim p50 < 100 ms)`,
    );
    console.log(
      `dashboard, other filters:      p50 ${percentile(filtered, 50).toFixed(1)} ms, p99 ${percentile(filtered, 99).toFixed(1)} ms`,
    );
    console.log(
      `dashboard after one learner's change: p50 ${percentile(changed, 50).toFixed(0)} ms, max ${Math.max(...changed).toFixed(0)} ms`,
    );
    console.log(`dashboard after a course change (everything read again): p50 ${percentile(full, 50).toFixed(0)} ms`);
    console.log(`dashboard p50 / baseline p50: ${(percentile(dashboard, 50) / percentile(baseline, 50)).toFixed(2)}×`);

    const rssBefore = memory(pid, 'VmRSS');
    const csvStarted = performance.now();
    const response = await fetch(`${BASE}/reports/participants.csv`, { headers: { Cookie: cookie } });
    let rows = 0;
    const decoder = new TextDecoder();
    for await (const chunk of response.body ?? [])
      rows += (decoder.decode(chunk, { stream: true }).match(/\r\n/g) ?? []).length;
    const csvSeconds = (performance.now() - csvStarted) / 1000;
    console.log(
      `participant CSV: ${(rows - 1).toLocaleString('en')} rows streamed in ${csvSeconds.toFixed(2)} s (aim < 5 s); server memory ${rssBefore.toFixed(0)} MB before, peak ${memory(pid, 'VmHWM').toFixed(0)} MB`,
    );
    const xlsx = await timed('/reports/report.xlsx', cookie);
    console.log(
      `XLSX workbook: ${(xlsx.bytes / 1e6).toFixed(1)} MB in ${(xlsx.ms / 1000).toFixed(2)} s; server peak memory ${memory(pid, 'VmHWM').toFixed(0)} MB`,
    );
    client.close();
  } finally {
    server.stop();
  }
}

await main();
