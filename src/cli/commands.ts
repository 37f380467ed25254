import { importIntoCourse } from '../lib/quiz/bank-import.ts';
import { closeExpiredAttempts } from '../lib/quiz/attempts.ts';
import { closeDb, getDb } from '../lib/db.ts';
import { env } from '../lib/env/index.ts';
import { ROLES, SECTORS, REGIONS, type Role, type Sector, type Region } from '../lib/reference/index.ts';
import { emailSchema, nameSchema } from '../lib/users/schemas.ts';
import { createAccount } from '../lib/users/admin.ts';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { allCertificates } from '../lib/certificates/access.ts';
import { findCertificateByNumber, verificationStatus } from '../lib/certificates/issue.ts';
import { certificatePdf, verifyUrl } from '../lib/certificates/pdf.ts';
import { loadAllCourses, loadCourse } from '../lib/courses/loader.ts';
import { syncCourses, type SyncReport } from '../lib/courses/sync.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { pruneExpiredSessions } from '../lib/auth/session.ts';
import { pruneRateLimits } from '../lib/auth/rate-limit.ts';
import { isEmpty, seedDemo } from '../../db/seed/seed.ts';
import { reportTargetsCommand } from './report-command.ts';
import { importScormZip } from '../lib/scorm/packages.ts';
import { ScormPackageError } from '../lib/scorm/package/errors.ts';
import { pruneReportChanges } from '../lib/reports/participation-cache.ts';

type Values = Record<string, string | boolean | undefined>;

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  /** Returns the exit code; -1 means "keep running" (the server). */
  /** Whether the command takes positional arguments (after its name). */
  allowPositionals?: boolean;
  run(values: Values, positionals: string[]): Promise<number | undefined>;
}

function print(json: boolean, data: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${text}\n`);
}

function oneOf<T extends string>(list: readonly T[], value: unknown, flag: string): T {
  if (typeof value === 'string' && (list as readonly string[]).includes(value)) return value as T;
  throw new Error(`--${flag} must be one of: ${list.join(', ')}`);
}

async function migrate(): Promise<void> {
  await migrateDatabase(await getDb());
}

function formatSync(reports: SyncReport[]): string {
  if (reports.length === 0) return 'Courses: none found';
  return reports
    .map((r) =>
      r.outcome === 'invalid'
        ? `Course ${r.slug}: INVALID, not published\n${(r.errors ?? []).map((e) => `  ${e}`).join('\n')}`
        : `Course ${r.slug}: ${r.outcome} (version ${r.version ?? '?'})${r.movedEnrolments ? `, ${r.movedEnrolments} enrolments moved to it` : ''}`,
    )
    .join('\n');
}

/** Prints the demo accounts so that a first-time visitor can log in as each role. */
function printDemoAccounts(accounts: { email: string; role: string; password: string }[]): void {
  console.info('\nDemo accounts (password for all: %s):', accounts[0]?.password ?? '');
  for (const a of accounts) console.info(`  ${a.role.padEnd(12)} ${a.email}`);
  console.info('');
}

export const COMMANDS: Command[] = [
  {
    name: 'db migrate',
    usage: '',
    summary: 'Apply pending database migrations (DATABASE_URL)',
    options: { json: { type: 'boolean' } },
    async run(values) {
      await migrate();
      print(
        Boolean(values['json']),
        { migrated: true, database: env().DATABASE_URL },
        `Database migrated: ${env().DATABASE_URL}`,
      );
      await closeDb();
    },
  },
  {
    name: 'seed',
    usage: '--demo [--json] | --scale N [--seed S] [--json]',
    summary:
      'Add demo institutions and one account per role (idempotent), or N synthetic learners with their activity (--scale)',
    options: {
      demo: { type: 'boolean' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
    },
    async run(values) {
      if (!values['demo'] && values['scale'] === undefined) throw new Error('say what to seed: --demo or --scale N');
      // Loaded only when asked for: the generator and its word lists are of no use to other commands.
      const scale = values['scale'] === undefined ? null : await import('../../db/seed/scale.ts');
      const scaleArgs = scale ? scale.parseScaleArgs(values['scale'], values['seed']) : null;
      if (!scale && values['seed'] !== undefined) throw new Error('--seed goes with --scale N');
      const json = Boolean(values['json']);
      await migrate();
      const accounts = values['demo'] ? await seedDemo() : null;
      if (accounts && !json) printDemoAccounts(accounts);
      let result = null;
      if (scale && scaleArgs) {
        const { learners, seed } = scaleArgs;
        process.stderr.write(`Seeding ${learners.toLocaleString('en')} learners (seed ${seed})…\n`);
        result = await scale.seedScale({
          learners,
          seed,
          // Progress on stderr, so that --json output stays clean.
          onProgress: (p) =>
            process.stderr.write(
              `  ${p.learners.toLocaleString('en')} / ${p.total.toLocaleString('en')} learners  ${p.seconds.toFixed(1)} s\n`,
            ),
        });
        if (!json) {
          const counts = Object.entries(result.counts).map(([k, v]) => `  ${k.padEnd(20)} ${v.toLocaleString('en')}`);
          print(false, null, `Seeded in ${result.seconds.toFixed(1)} s (seed ${result.seed}):\n${counts.join('\n')}`);
        }
      }
      if (json) print(true, { ...(accounts ? { accounts } : {}), ...(result ? { scale: result } : {}) }, '');
      await closeDb();
    },
  },
  {
    name: 'user create',
    usage: '--email E --name N --role R [--password P] [--sector S] [--region G] [--json]',
    summary: 'Create an account (a password is generated when none is given)',
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      sector: { type: 'string' },
      region: { type: 'string' },
      json: { type: 'boolean' },
    },
    async run(values) {
      const email = emailSchema.safeParse(values['email']);
      if (!email.success) throw new Error('--email must be a valid e-mail address');
      const name = nameSchema.safeParse(values['name']);
      if (!name.success)
        throw new Error('--name must be 2–100 letters (spaces, dots, hyphens and apostrophes allowed)');
      const role: Role = oneOf(ROLES, values['role'], 'role');
      const sector: Sector = oneOf(SECTORS, values['sector'] ?? 'other', 'sector');
      const region: Region = oneOf(REGIONS, values['region'] ?? 'riga', 'region');
      await migrate();
      const password = typeof values['password'] === 'string' ? values['password'] : undefined;
      const { user, password: used } = await createAccount({
        email: email.data,
        name: name.data,
        role,
        password,
        sector,
        region,
      });
      const generated = password === undefined;
      print(
        Boolean(values['json']),
        { id: user.id, email: user.email, role: user.role, ...(generated ? { password: used } : {}) },
        `Created ${user.role} ${user.email} (id ${user.id})${generated ? `; password: ${used}` : ''}`,
      );
      await closeDb();
    },
  },
  {
    name: 'courses sync',
    usage: '[--json]',
    summary: 'Load the course folders into the database (idempotent; invalid courses are reported)',
    options: { json: { type: 'boolean' } },
    async run(values) {
      await migrate();
      const reports = await syncCourses(env().COURSES_DIR);
      print(Boolean(values['json']), reports, formatSync(reports));
      await closeDb();
      return reports.some((r) => r.outcome === 'invalid') ? 1 : 0;
    },
  },
  {
    name: 'courses validate',
    usage: '[--slug S] [--json]',
    summary: 'Check every course folder (or one) and list each problem with its file and field',
    options: { slug: { type: 'string' }, json: { type: 'boolean' } },
    async run(values) {
      const root = env().COURSES_DIR;
      const slug = typeof values['slug'] === 'string' ? values['slug'] : undefined;
      const loads = slug ? [loadCourse(join(root, slug))] : loadAllCourses(root);
      const report = loads.map((l) =>
        l.ok ? { slug: l.course.slug, valid: true, errors: [] } : { slug: l.slug, valid: false, errors: l.errors },
      );
      const text = report
        .map((r) => (r.valid ? `ok      ${r.slug}` : `INVALID ${r.slug}\n${r.errors.map((e) => `  ${e}`).join('\n')}`))
        .join('\n');
      print(Boolean(values['json']), report, text || 'no courses found');
      return report.every((r) => r.valid) ? 0 : 1;
    },
  },
  {
    name: 'quiz import',
    usage: 'FILE --course SLUG [--json]',
    summary: "Import a Moodle GIFT or Moodle XML file into a course's question bank (reports each question)",
    options: { course: { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
    async run(values, positionals) {
      const file = positionals[0];
      const slug = values['course'];
      if (!file || typeof slug !== 'string') throw new Error('usage: quiz import FILE --course SLUG [--json]');
      const root = env().COURSES_DIR;
      const result = importIntoCourse(root, slug, file, await readFile(file));
      const text = [
        ...result.items.map((i) =>
          i.status === 'imported'
            ? `imported  ${i.question.id} (${i.question.type}, ${i.question.category})${i.line ? ` line ${i.line}` : ''}`
            : `REFUSED   ${i.name}${i.type ? ` [${i.type}]` : ''}${i.line ? ` line ${i.line}` : ''}: ${i.reason}`,
        ),
        result.file
          ? `${result.questions.length} question(s) written to ${result.file}`
          : 'nothing imported: no file written',
      ].join('\n');
      print(
        Boolean(values['json']),
        { course: slug, format: result.format, file: result.file, items: result.items },
        text,
      );
      // Publish the new bank at once (a server running elsewhere picks it up at its next sync).
      if (result.file) {
        await migrate();
        await syncCourses(root);
        await closeDb();
      }
      return result.items.some((i) => i.status === 'refused') ? 2 : 0;
    },
  },
  {
    name: 'scorm import',
    usage: 'FILE.zip [--json]',
    summary: 'Import a SCORM 1.2 / 2004 package (checked and unpacked; exit 2 with the reason when refused)',
    options: { json: { type: 'boolean' } },
    allowPositionals: true,
    async run(values, positionals) {
      const file = positionals[0];
      if (!file) throw new Error('usage: scorm import FILE.zip [--json]');
      const json = Boolean(values['json']);
      await migrate();
      try {
        const imported = await importScormZip(file, 'cli', { originalName: basename(file) });
        const { manifest: _manifest, ...summary } = imported;
        print(
          json,
          { ok: true, ...summary, organisation: imported.manifest.organisation, items: imported.manifest.items },
          [
            `Imported ${imported.id}: "${imported.title}" (SCORM ${imported.version}), ${imported.files} files`,
            ...imported.scos.map((s) => `  ${s.scormType.padEnd(5)} ${s.identifier}: ${s.title} → ${s.launch}`),
          ].join('\n'),
        );
        return 0;
      } catch (error) {
        if (!(error instanceof ScormPackageError)) throw error;
        print(
          json,
          { ok: false, code: error.code, message: error.message, params: error.params },
          `REFUSED: ${error.message}`,
        );
        return 2;
      } finally {
        await closeDb();
      }
    },
  },
  {
    name: 'certificate list',
    usage: '[--json]',
    summary: 'List every certificate with its holder, course, dates and state',
    options: { json: { type: 'boolean' } },
    async run(values) {
      await migrate();
      const rows = await allCertificates();
      const data = rows.map((c) => ({
        number: c.number,
        holder: c.holderName,
        course: c.courseTitle.en,
        completedAt: c.completedAt.toISOString(),
        issuedAt: c.issuedAt.toISOString(),
        state: verificationStatus(c),
        verifyUrl: verifyUrl(c),
      }));
      const text = data
        .map((c) => `${c.number}  ${c.state.padEnd(8)}  ${c.issuedAt.slice(0, 10)}  ${c.holder} — ${c.course}`)
        .join('\n');
      print(Boolean(values['json']), data, text || 'no certificates');
      await closeDb();
    },
  },
  {
    name: 'certificate pdf',
    usage: 'NUMBER --out FILE',
    summary: 'Write the PDF of a certificate to a file',
    options: { out: { type: 'string' } },
    allowPositionals: true,
    async run(values, positionals) {
      const number = positionals[0];
      const out = values['out'];
      if (!number || typeof out !== 'string') throw new Error('usage: certificate pdf NUMBER --out FILE');
      await migrate();
      const certificate = await findCertificateByNumber(number);
      if (!certificate) throw new Error(`no certificate numbered ${number}`);
      const pdf = await certificatePdf(certificate);
      await writeFile(out, pdf);
      print(
        false,
        null,
        `${certificate.number}: ${pdf.length} bytes written to ${out}${certificate.revokedAt ? ' (revoked)' : ''}`,
      );
      await closeDb();
    },
  },
  reportTargetsCommand(migrate),
  {
    name: 'serve',
    usage: '',
    summary: 'Migrate, add demo data to an empty database (SEED_DEMO), and serve the built app',
    options: {},
    async run() {
      const config = env();
      await migrate();
      if (config.SEED_DEMO && (await isEmpty())) printDemoAccounts(await seedDemo());
      const synced = await syncCourses(config.COURSES_DIR);
      console.info(formatSync(synced));
      // Expired sessions and finished rate-limit windows are only clutter: sweep them hourly.
      const sweep = () =>
        Promise.all([pruneExpiredSessions(), pruneRateLimits(), pruneReportChanges()]).catch((e) =>
          console.error('[prune]', e),
        );
      await sweep();
      setInterval(sweep, 60 * 60 * 1000).unref();
      // Quiz attempts past their time limit are closed when touched; this closes the forgotten ones.
      const closeQuizzes = () => closeExpiredAttempts().catch((e) => console.error('[quiz deadlines]', e));
      await closeQuizzes();
      setInterval(closeQuizzes, 60 * 1000).unref();
      const entry = new URL('../../dist/server/entry.mjs', import.meta.url);
      try {
        await import(entry.href);
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') {
          throw new Error('the app is not built yet: run "npm run build" first (or "npm start")', { cause: error });
        }
        throw error;
      }
      return -1;
    },
  },
];
