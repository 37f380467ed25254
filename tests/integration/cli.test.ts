import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DATA_DIR } from '../setup/paths.ts';

const dbFile = `${TEST_DATA_DIR}/cli-${process.pid}.db`;

/** Runs the CLI as `npm run -s tilts -- …` would, on its own database file. */
function tilts(...args: string[]) {
  return tiltsWithEnv({}, ...args);
}

function tiltsWithEnv(extraEnv: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, ['src/cli/index.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, OUTBOX_DIR: `${TEST_DATA_DIR}/cli-outbox`, ...extraEnv },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => rmSync(dbFile, { force: true }));

describe('the tilts CLI', () => {
  it('prints help listing every command', () => {
    const { code, stdout } = tilts('help');
    expect(code).toBe(0);
    for (const command of ['db migrate', 'seed --demo', 'user create', 'serve']) expect(stdout).toContain(command);
  });

  it('migrates and seeds idempotently, reporting the demo accounts as JSON', () => {
    expect(tilts('db', 'migrate').code).toBe(0);
    const first = tilts('seed', '--demo', '--json');
    expect(first.code).toBe(0);
    const accounts = JSON.parse(first.stdout).accounts as { email: string; role: string; created: boolean }[];
    expect(new Set(accounts.map((a) => a.role))).toEqual(new Set(['admin', 'trainer', 'coordinator', 'learner']));
    expect(accounts.every((a) => a.created)).toBe(true);
    const second = JSON.parse(tilts('seed', '--demo', '--json').stdout).accounts as { created: boolean }[];
    expect(second.every((a) => !a.created)).toBe(true);
  });

  it('creates a user, with a generated password when none is given', () => {
    const given = tilts(
      'user',
      'create',
      '--email',
      'Ieva.Trainer@Example.lv',
      '--name',
      'Ieva Kļaviņa',
      '--role',
      'trainer',
      '--password',
      'ļoti-droša-parole',
      '--json',
    );
    expect(given.code).toBe(0);
    expect(JSON.parse(given.stdout)).toMatchObject({ email: 'ieva.trainer@example.lv', role: 'trainer' });
    expect(given.stdout).not.toContain('password');
    const generated = JSON.parse(
      tilts('user', 'create', '--email', 'x@example.lv', '--name', 'Xenija Ā', '--role', 'admin', '--json').stdout,
    );
    expect(generated.password).toMatch(/^[a-z2-7]{16}$/);
  });

  it.each([
    [
      ['user', 'create', '--email', 'ieva.trainer@example.lv', '--name', 'Dup Licate', '--role', 'learner'],
      /already exists/i,
      1,
    ],
    [['user', 'create', '--email', 'nav-epasts', '--name', 'Bad Mail', '--role', 'learner'], /--email/, 1],
    [
      ['user', 'create', '--email', 'ok@example.lv', '--name', 'Bad Role', '--role', 'emperor'],
      /--role must be one of/,
      1,
    ],
    [
      ['user', 'create', '--email', 'ok2@example.lv', '--name', 'Weak Pass', '--role', 'learner', '--password', '123'],
      /at least 10/,
      1,
    ],
    [['user', 'create', '--bogus'], /bogus/, 2],
    [['frobnicate'], /unknown command/, 2],
  ])('fails with a one-line reason: %j', (args, reason, exitCode) => {
    const { code, stderr } = tilts(...args);
    expect(code).toBe(exitCode);
    expect(stderr).toMatch(reason);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses to start on an invalid environment, naming each bad variable on one line', () => {
    const { code, stderr } = tiltsWithEnv({ DATABASE_URL: 'postgres://db', SMTP_URL: 'mail.example.lv' }, 'serve');
    expect(code).toBe(1);
    expect(stderr).toMatch(/Invalid environment: DATABASE_URL: .*SMTP_URL: /);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('lists certificates and refuses a PDF of an unknown number', () => {
    const list = tilts('certificate', 'list', '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
    const missing = tilts('certificate', 'pdf', 'LV-ICC-2026-999999', '--out', `${TEST_DATA_DIR}/x.pdf`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no certificate numbered LV-ICC-2026-999999/);
    expect(tilts('certificate', 'pdf', 'LV-ICC-2026-000001').stderr).toMatch(
      /usage: certificate pdf NUMBER --out FILE/,
    );
  });

  it('imports a Moodle XML file into a course and reports every question as JSON', () => {
    const courses = join(TEST_DATA_DIR, `cli-courses-${process.pid}`);
    mkdirSync(courses, { recursive: true });
    cpSync('tests/fixtures/courses/sample-course', join(courses, 'sample-course'), { recursive: true });
    try {
      const env = { COURSES_DIR: courses };
      const { code, stdout } = tiltsWithEnv(
        env,
        'quiz',
        'import',
        'tests/fixtures/quiz/sample.xml',
        '--course',
        'sample-course',
        '--json',
      );
      const report = JSON.parse(stdout) as {
        file: string;
        items: { status: string; reason?: string; type?: string }[];
      };
      expect(report.file).toBe(join('sample-course', 'questions', 'imported-sample.yaml'));
      expect(report.items.some((i) => i.status === 'imported')).toBe(true);
      // Unsupported types are named, not dropped: the exit code says some were refused.
      expect(report.items.some((i) => i.status === 'refused' && i.type === 'essay')).toBe(true);
      expect(code).toBe(2);
      const hostile = tiltsWithEnv(env, 'quiz', 'import', 'tests/fixtures/quiz/xxe.xml', '--course', 'sample-course');
      expect(hostile.code).toBe(1);
      expect(hostile.stderr).toMatch(/DOCTYPE/);
      expect(tiltsWithEnv(env, 'quiz', 'import', 'tests/fixtures/quiz/sample.xml').code).not.toBe(0);
    } finally {
      rmSync(courses, { recursive: true, force: true });
    }
  });

  it('reports the indicators against the targets as JSON, CSV and XLSX, and refuses bad options', () => {
    expect(tilts('seed', '--scale', '300', '--seed', '7').code).toBe(0);
    const json = tilts('report', 'targets', '--format', 'json');
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout).rows as { sector: string; indicator: string; value: number; target: number }[];
    expect(rows).toHaveLength(6 * 9);
    // Every synthetic learner has at least one enrolment: 300 people enrolled, whatever their courses.
    expect(rows.find((r) => r.sector === 'all' && r.indicator === 'enrolled')).toMatchObject({
      value: 300,
      target: 2000,
    });
    const completed = rows.find((r) => r.sector === 'all' && r.indicator === 'completed')?.value ?? 0;
    const certified = rows.find((r) => r.sector === 'all' && r.indicator === 'certified')?.value ?? 0;
    expect(completed).toBeGreaterThan(0);
    expect(certified).toBeLessThanOrEqual(completed);
    const csv = tilts('report', 'targets', '--format', 'csv', '--lang', 'lv');
    expect(csv.stdout.split('\r\n')[0]).toBe('\uFEFFNozare,Kods,Rādītājs,Kods,Vērtība,Mērķis,%');
    const out = `${TEST_DATA_DIR}/cli-report-${process.pid}.xlsx`;
    expect(tilts('report', 'targets', '--format', 'xlsx', '--out', out).code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    rmSync(out, { force: true });
    expect(tilts('report', 'targets', '--format', 'pdf').code).toBe(2);
    expect(tilts('report', 'targets', '--format', 'xlsx').stderr).toContain('--format xlsx needs --out FILE');
    expect(tilts('report', 'targets', '--from', '2025-13-01').code).toBe(2);
  }, 60_000);

  it('imports a SCORM package with `scorm import --json`, naming its version, organisation and SCOs', () => {
    const store = `${TEST_DATA_DIR}/cli-scorm-${process.pid}`;
    try {
      const ok = tiltsWithEnv(
        { SCORM_DIR: store },
        'scorm',
        'import',
        'tests/fixtures/scorm/golf12-multisco-runtime-minimum.zip',
        '--json',
      );
      expect(ok.code).toBe(0);
      const result = JSON.parse(ok.stdout) as {
        ok: boolean;
        id: string;
        version: string;
        title: string;
        organisation: { identifier: string };
        scos: { identifier: string; launch: string }[];
      };
      expect(result).toMatchObject({ ok: true, version: '1.2', title: 'Golf Explained - Minimum Run-time Calls' });
      expect(result.id).toMatch(/^pkg-[0-9a-f]{16}$/);
      expect(result.scos).toHaveLength(18);
      expect(result.scos[0]?.launch).toMatch(/\.html/);
      // The same file again is the same package.
      const again = JSON.parse(
        tiltsWithEnv(
          { SCORM_DIR: store },
          'scorm',
          'import',
          'tests/fixtures/scorm/golf12-multisco-runtime-minimum.zip',
          '--json',
        ).stdout,
      ) as { id: string };
      expect(again.id).toBe(result.id);

      const refused = tiltsWithEnv(
        { SCORM_DIR: store },
        'scorm',
        'import',
        'tests/fixtures/scorm/broken-parser-dangling-identifierref-12.zip',
        '--json',
      );
      expect(refused.code).toBe(2);
      expect(JSON.parse(refused.stdout)).toMatchObject({
        ok: false,
        code: 'resource-missing',
        params: { ref: 'non_existent_resource' },
      });
      const text = tiltsWithEnv({ SCORM_DIR: store }, 'scorm', 'import', 'tests/fixtures/scorm/broken-no-manifest.zip');
      expect(text.code).toBe(2);
      expect(text.stdout).toMatch(/^REFUSED: There is no imsmanifest\.xml at the root/);
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
  }, 60_000);
});
