import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { SECTORS } from '../reference/index.ts';
import { syncCourses, type SyncReport } from '../courses/sync.ts';
import { getPackage, packageRoot } from './packages.ts';

/** The original zip of an uploaded package, kept beside its unpacked folder. */
export function packageZipPath(packageId: string): string {
  return join(packageRoot(), `${packageId}.zip`);
}

const line = z.string().trim().min(1, 'error.required').max(300, 'scorm.course.tooLong');

/** The form an admin fills to make a package a course (flat fields, as the form sends them). */
export const packageCourseSchema = z
  .object({
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'scorm.course.slugFormat')
      .max(60, 'scorm.course.slugFormat'),
    titleLv: line,
    titleEn: line,
    summaryLv: line,
    summaryEn: line,
    sectors: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(SECTORS)).min(1, 'scorm.course.sectorsRequired'),
    ),
    hours: z.coerce.number('scorm.course.hours').positive('scorm.course.hours').max(200, 'scorm.course.hours'),
    status: z.enum(['published', 'draft']),
  })
  .transform((f) => ({
    slug: f.slug,
    title: { lv: f.titleLv, en: f.titleEn },
    summary: { lv: f.summaryLv, en: f.summaryEn },
    sectors: f.sectors,
    hours: f.hours,
    status: f.status,
  }));
export type PackageCourseInput = z.output<typeof packageCourseSchema>;

/**
 * Makes an uploaded package a course of its own: writes `courses/<slug>/course.yaml` (one module,
 * one required SCORM activity, a certificate) with the package's zip beside it, as a course
 * author would, and syncs, so that it is versioned, validated and published like every other
 * course (commit the folder to keep it). An existing folder is never overwritten; a course that
 * fails to sync is removed again and the reason returned.
 */
export async function createCourseFromPackage(
  coursesDir: string,
  packageId: string,
  input: PackageCourseInput,
): Promise<
  | { ok: true; report: SyncReport }
  | { ok: false; reason: 'exists' | 'noZip' | 'noPackage' | 'invalid'; errors?: string[] }
> {
  const pkg = await getPackage(packageId);
  if (!pkg) return { ok: false, reason: 'noPackage' };
  const zip = packageZipPath(packageId);
  if (!existsSync(zip)) return { ok: false, reason: 'noZip' };
  const folder = join(coursesDir, input.slug);
  if (existsSync(folder)) return { ok: false, reason: 'exists' };
  await mkdir(join(folder, 'scorm'), { recursive: true });
  const definition = {
    slug: input.slug,
    version: 1,
    status: input.status,
    title: input.title,
    summary: input.summary,
    description: input.summary,
    sectors: input.sectors,
    hours: input.hours,
    selfEnrolment: true,
    certificate: {
      template: 'default',
      statement: {
        lv: `ir apguvis(-usi) interaktīvo moduli “${input.title.lv}”.`,
        en: `has completed the interactive module “${input.title.en}”.`,
      },
    },
    modules: [
      {
        id: 'module',
        title: input.title,
        activities: [
          { id: 'package', kind: 'scorm', package: `scorm/${packageId}.zip`, required: true, title: input.title },
        ],
      },
    ],
  };
  await copyFile(zip, join(folder, 'scorm', `${packageId}.zip`));
  await writeFile(
    join(folder, 'course.yaml'),
    `# Created from SCORM package ${packageId} (${pkg.title}).\n${stringify(definition)}`,
  );
  const reports = await syncCourses(coursesDir);
  const report = reports.find((r) => r.slug === input.slug);
  if (!report || report.outcome === 'invalid') {
    await rm(folder, { recursive: true, force: true });
    await syncCourses(coursesDir);
    return { ok: false, reason: 'invalid', errors: report?.errors ?? [] };
  }
  return { ok: true, report };
}
