/**
 * The benchmarks' server: the built app started exactly as in production (`npm run serve`,
 * with its Node flags), in its own process group so that npm and node stop together.
 */
import { spawn } from 'node:child_process';

/**
 * The environment of a benchmark's own server, with every file under `data` and a random token
 * for its bare baseline endpoints. It is also set on this process, so that the app modules the
 * benchmark imports afterwards (migrations, course sync, seeding) work on the same database.
 */
export function benchEnvironment(data: string, port: number): NodeJS.ProcessEnv & { BENCH_TOKEN: string } {
  const env = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: `file:./${data}/tilts.db`,
    OUTBOX_DIR: `./${data}/outbox`,
    SCORM_DIR: `./${data}/scorm`,
    BENCH_BASELINE: '1',
    BENCH_TOKEN: crypto.randomUUID() + crypto.randomUUID(),
  };
  Object.assign(process.env, env);
  return env;
}

export interface BenchServer {
  stop(): void;
}

export async function startServer(env: NodeJS.ProcessEnv, base: string): Promise<BenchServer> {
  const child = spawn('npm', ['run', '-s', 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const stop = () => {
    if (child.pid) process.kill(-child.pid);
  };
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error('the server did not start');
}
