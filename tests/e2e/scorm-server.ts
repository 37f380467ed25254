import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

/**
 * A Tilts server of a test's own (the built one, as `npm run serve` starts it), on its own
 * port and data folder, so that the test can stop it and start it again on the same data.
 */
export class OwnServer {
  private child: ChildProcess | null = null;
  readonly port: number;
  readonly dir: string;

  constructor(port: number, dir: string) {
    this.port = port;
    this.dir = dir;
  }

  get baseURL(): string {
    return `http://localhost:${this.port}`;
  }

  /** A fresh data folder with a copy of the courses. */
  reset(): void {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    cpSync('courses', `${this.dir}/courses`, { recursive: true });
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, ['--max-semi-space-size=16', 'src/cli/index.ts', 'serve'], {
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: 'localhost',
        DATABASE_URL: `file:./${this.dir}/tilts.db`,
        OUTBOX_DIR: `./${this.dir}/outbox`,
        COURSES_DIR: `./${this.dir}/courses`,
        SCORM_DIR: `./${this.dir}/scorm`,
        SEED_DEMO: '1',
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: 'ignore',
    });
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      try {
        if ((await fetch(`${this.baseURL}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`server on ${this.port} did not start`);
  }

  /** Stops the process as a deployment would (SIGTERM) and waits until it has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
