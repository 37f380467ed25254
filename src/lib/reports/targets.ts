import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../db.ts';
import { auditEvents, reportTargets } from '../../../db/schema/index.ts';
import { INDICATORS, SECTORS, type Indicator, type Sector } from '../reference/index.ts';
import { projectFacts } from './project.ts';

export type TargetSector = Sector | 'all';
export const TARGET_SECTORS: readonly TargetSector[] = ['all', ...SECTORS];

/** A target in force: the default of project.yaml, or what an admin set instead. */
export interface Target {
  indicator: Indicator;
  sector: TargetSector;
  value: number | null;
  source: 'default' | 'admin';
  updatedAt: Date | null;
}

const key = (indicator: string, sector: string) => `${indicator}:${sector}`;

/**
 * Every indicator × sector with its target: an admin's value where one was set (null when they
 * removed it), otherwise the default from `courses/project.yaml`, otherwise none.
 */
export async function currentTargets(): Promise<Target[]> {
  const db = await getDb();
  const overrides = new Map(
    (await db.select().from(reportTargets)).map((row) => [key(row.indicator, row.sector), row]),
  );
  const defaults = new Map((projectFacts()?.targets ?? []).map((t) => [key(t.indicator, t.sector), t.value]));
  return INDICATORS.flatMap((indicator) =>
    TARGET_SECTORS.map((sector): Target => {
      const override = overrides.get(key(indicator, sector));
      if (override) return { indicator, sector, value: override.value, source: 'admin', updatedAt: override.updatedAt };
      return {
        indicator,
        sector,
        value: defaults.get(key(indicator, sector)) ?? null,
        source: 'default',
        updatedAt: null,
      };
    }),
  );
}

/** The target of one indicator and sector, from a list read by currentTargets. */
export function targetOf(targets: readonly Target[], indicator: Indicator, sector: TargetSector): number | null {
  return targets.find((t) => t.indicator === indicator && t.sector === sector)?.value ?? null;
}

/** One submitted target: a non-negative number, or empty for "no target". */
export const targetValueSchema = z.union([
  z.literal('').transform(() => null),
  z.coerce
    .number({ error: 'error.target.invalid' })
    .nonnegative({ error: 'error.target.invalid' })
    .max(10_000_000, { error: 'error.target.invalid' }),
]);

export interface TargetChange {
  indicator: Indicator;
  sector: TargetSector;
  value: number | null;
}

/**
 * Sets targets. Only values that differ from the target in force are written, each with an
 * audit event (from → to) in the same batch, so a change is never recorded without its trail
 * or the other way round. Returns how many changed.
 */
export async function setTargets(actorUserId: number, changes: readonly TargetChange[], ip: string | null = null) {
  const current = new Map((await currentTargets()).map((t) => [key(t.indicator, t.sector), t.value]));
  const changed = changes.filter(
    (c) =>
      INDICATORS.includes(c.indicator) &&
      TARGET_SECTORS.includes(c.sector) &&
      current.get(key(c.indicator, c.sector)) !== c.value,
  );
  if (changed.length === 0) return 0;
  const db = await getDb();
  const now = new Date();
  const [first, ...rest] = changed.flatMap((c) => [
    db
      .insert(reportTargets)
      .values({ indicator: c.indicator, sector: c.sector, value: c.value, updatedBy: actorUserId, updatedAt: now })
      .onConflictDoUpdate({
        target: [reportTargets.indicator, reportTargets.sector],
        set: { value: sql`excluded.value`, updatedBy: actorUserId, updatedAt: now },
      }),
    db.insert(auditEvents).values({
      action: 'target_changed',
      actorUserId,
      ip,
      details: {
        indicator: c.indicator,
        sector: c.sector,
        from: current.get(key(c.indicator, c.sector)) ?? null,
        to: c.value,
      },
    }),
  ]);
  if (first) await db.batch([first, ...rest]);
  return changed.length;
}
