/**
 * The benchmarks' server: the built app started exactly as in production (`npm run serve`,
 * with its Node flags), in its own process group so that npm and node stop together.
 */
import { spawn } from 'node:child_process';

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
