import { sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { rigaToUtc, utcToRiga } from '../cohorts/riga-time.ts';
import { definitionsOf } from '../courses/versions.ts';
import { visibleInstitutionIds } from '../institutions/coordinator.ts';
import type { SessionUser } from '../auth/types.ts';
import type { Region, Sector } from '../reference/index.ts';
import { reportDataVersion } from './data-version.ts';
import { participationsAt } from './participation-cache.ts';
import {
  countByMany,
  cumulativeByQuarter,
  type Figures,
  type GroupOf,
  type Scope,
  type UniqueIndicator,
} from './indicators.ts';
import { projectFacts } from './project.ts';
import { quarterIndex, quartersBetween } from './quarters.ts';
import { currentTargets, type Target } from './targets.ts';

export const DIMENSIONS = ['sector', 'region', 'institution', 'course', 'cohort', 'quarter'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** What a report is asked for (validated at the boundary; dates are Riga calendar dates). */
export interface ReportFilters {
  from?: string | null;
  to?: string | null;
  course?: string | null;
  sector?: Sector | null;
  region?: Region | null;
  institutionId?: number | null;
}

/** A row of a breakdown: its key (sector, region, id or quarter; 'none' when not set), label and figures. */
export interface BreakdownRow {
  key: string;
  label: string | { lv: string; en: string } | null;
  figures: Figures;
}

export interface ProjectReport {
  version: number;
  generatedAt: Date;
  filters: ReportFilters;
  /** The institutions the report is limited to (a coordinator's), or null for all. */
  institutionIds: number[] | null;
  totals: Figures;
  /** The breakdowns asked for (the others are empty). */
  breakdowns: Record<Dimension, BreakdownRow[]>;
  /** Quarters of the period and, per indicator, unique participants reached by the end of each. */
  trend: { quarters: string[]; cumulative: Record<UniqueIndicator, number[]> };
  targets: Target[];
}

// Computed reports by filters and viewer scope, for the current data version only (the
// participations themselves are cached in participation-cache.ts). Exact: the version changes
// with the data (see data-version.ts).
const reportCache = new Map<string, ProjectReport>();
let reportCacheVersion = -1;
const MAX_REPORTS = 64;

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function dayStart(date: string): number {
  return rigaToUtc(date, '00:00').getTime();
}

/** Labels of institutions, courses and cohorts (small tables, read per computed report). */
async function labels() {
  const db = await getDb();
  const [institutions, courses, cohorts] = await Promise.all([
    db.all<{ id: number; name: string }>(sql`SELECT id, name FROM institutions`),
    db.all<{ id: number; slug: string; versionId: number | null }>(
      sql`SELECT id, slug, current_version_id AS versionId FROM courses`,
    ),
    db.all<{ id: number; name: string }>(sql`SELECT id, name FROM cohorts`),
  ]);
  const definitions = await definitionsOf(courses.flatMap((c) => (c.versionId === null ? [] : [c.versionId])));
  return {
    institution: new Map(institutions.map((i) => [String(i.id), i.name])),
    course: new Map(
      courses.map((c) => [String(c.id), (c.versionId !== null && definitions.get(c.versionId)?.title) || c.slug]),
    ),
    cohort: new Map(cohorts.map((c) => [String(c.id), c.name])),
    slugs: new Map(courses.map((c) => [c.slug, c.id])),
  };
}

/**
 * The institutions a viewer's report covers: null (all) for an admin, a coordinator's own
 * (or the one of theirs they asked for); anyone else, or another institution, is refused.
 */
export async function reportInstitutions(viewer: SessionUser, filters: ReportFilters): Promise<number[] | null> {
  const visible = await visibleInstitutionIds(viewer);
  if (visible !== 'all' && viewer.role !== 'coordinator') throw new AppError('FORBIDDEN', 'error.forbidden');
  if (visible !== 'all' && filters.institutionId != null && !visible.includes(filters.institutionId)) {
    throw new AppError('FORBIDDEN', 'error.report.institution');
  }
  if (filters.institutionId != null) return [filters.institutionId];
  return visible === 'all' ? null : [...visible].sort((a, b) => a - b);
}

/** The project report for a viewer: admins see everything, coordinators their institutions' participations. */
export async function projectReport(
  viewer: SessionUser,
  filters: ReportFilters,
  dimensions: readonly Dimension[] = DIMENSIONS,
): Promise<ProjectReport> {
  return computeReport(filters, await reportInstitutions(viewer, filters), dimensions);
}

/** The report for given filters and institutions (null: all), from the cache when the data has not changed. */
export async function computeReport(
  filters: ReportFilters,
  institutionIds: number[] | null,
  dimensions: readonly Dimension[] = DIMENSIONS,
): Promise<ProjectReport> {
  const version = await reportDataVersion();
  // Reports of an older version will never be asked for again.
  if (reportCacheVersion !== version) {
    reportCache.clear();
    reportCacheVersion = version;
  }
  const cacheKey = JSON.stringify([filters, institutionIds, dimensions, new Date().toISOString().slice(0, 10)]);
  const cached = reportCache.get(cacheKey);
  if (cached) return cached;

  const [participations, names, targets] = await Promise.all([participationsAt(version), labels(), currentTargets()]);
  const courseId = filters.course ? (names.slugs.get(filters.course) ?? -1) : null;
  const scope: Scope = {
    from: filters.from ? dayStart(filters.from) : null,
    to: filters.to ? dayStart(nextDay(filters.to)) : null,
    courseId,
    sector: filters.sector ?? null,
    region: filters.region ?? null,
    institutionIds: institutionIds ? new Set(institutionIds) : null,
  };
  const project = projectFacts();
  const today = utcToRiga(new Date()).date;
  const quarters = quartersBetween(
    filters.from ?? project?.period.start ?? today,
    filters.to ?? (project && project.period.end < today ? project.period.end : today),
  );
  const orNone = (value: number | string | null) => (value === null ? 'none' : String(value));
  const groupers: Record<Dimension | 'all', GroupOf> = {
    all: () => 'all',
    sector: (p) => p.sector,
    region: (p) => orNone(p.region),
    institution: (p) => orNone(p.institutionId),
    course: (p) => String(p.courseId),
    cohort: (p) => orNone(p.cohortId),
    quarter: (_, at) => {
      const i = quarterIndex(quarters, at);
      return i === null ? null : (quarters[i]?.key ?? null);
    },
  };
  // Only the breakdowns asked for are counted (the dashboard shows four; exports want all).
  const wanted = ['all' as const, ...dimensions];
  const counted = countByMany(
    participations,
    scope,
    Object.fromEntries(wanted.map((d) => [d, groupers[d]])) as Record<Dimension | 'all', GroupOf>,
    ['quarter'],
  );
  const rows = (dimension: Dimension): BreakdownRow[] => {
    const label = (key: string): BreakdownRow['label'] => {
      if (key === 'none') return null;
      if (dimension === 'institution' || dimension === 'course' || dimension === 'cohort') {
        return names[dimension].get(key) ?? key;
      }
      return key;
    };
    const list = [...(counted[dimension] ?? [])].map(([key, figures]) => ({ key, label: label(key), figures }));
    if (dimension === 'quarter') {
      // Every quarter of the period, also those without events.
      const byKey = new Map(list.map((r) => [r.key, r]));
      return quarters.map((q) => byKey.get(q.key) ?? { key: q.key, label: q.key, figures: emptyFigures() });
    }
    return list.sort((a, b) => b.figures.enrolled - a.figures.enrolled || a.key.localeCompare(b.key));
  };
  const report: ProjectReport = {
    version,
    generatedAt: new Date(),
    filters,
    institutionIds,
    totals: counted.all.get('all') ?? emptyFigures(),
    breakdowns: Object.fromEntries(DIMENSIONS.map((d) => [d, dimensions.includes(d) ? rows(d) : []])) as Record<
      Dimension,
      BreakdownRow[]
    >,
    trend: { quarters: quarters.map((q) => q.key), cumulative: cumulativeByQuarter(participations, scope, quarters) },
    targets,
  };
  if (reportCache.size >= MAX_REPORTS) reportCache.delete(reportCache.keys().next().value ?? '');
  reportCache.set(cacheKey, report);
  return report;
}

export function emptyFigures(): Figures {
  return {
    enrolled: 0,
    started: 0,
    completed: 0,
    certified: 0,
    useful: 0,
    attended: 0,
    respondents: 0,
    completions: 0,
    knowledgeGain: null,
    meanPre: null,
    meanPost: null,
    gainParticipations: 0,
    attendanceRate: null,
    marks: 0,
    attendedMarks: 0,
  };
}

/** Institutions a viewer may filter by: all for an admin, their own for a coordinator. */
export async function institutionOptions(visible: number[] | 'all'): Promise<{ id: number; name: string }[]> {
  const db = await getDb();
  const all = await db.all<{ id: number; name: string }>(sql`SELECT id, name FROM institutions ORDER BY name`);
  return visible === 'all' ? all : all.filter((i) => visible.includes(i.id));
}
