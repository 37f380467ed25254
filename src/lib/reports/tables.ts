import type { Translate } from '../i18n/translate.ts';
import type { MessageKey } from '../i18n/messages/lv.ts';
import type { Locale } from '../reference/index.ts';
import { INDICATORS, type Indicator, type Sector } from '../reference/index.ts';
import type { Figures } from './indicators.ts';
import type { BreakdownRow, Dimension, ProjectReport } from './report.ts';
import { TARGET_SECTORS as TARGET_SECTOR_LIST, targetOf, type TargetSector } from './targets.ts';

/** A table of plain values: what a CSV file, a spreadsheet sheet and the CLI print. */
export interface Table {
  name: string;
  header: string[];
  rows: (string | number | null)[][];
}

export const indicatorLabel = (t: Translate, indicator: Indicator | 'respondents') =>
  t(`reports.indicator.${indicator}` as MessageKey);

/** The value of an indicator in a set of figures (null: no data yet). */
export function indicatorValue(figures: Figures, indicator: Indicator): number | null {
  return figures[indicator];
}

/** Share of a target reached, in % with one decimal (null without a target or a value). */
export function percentOfTarget(value: number | null, target: number | null): number | null {
  if (value === null || target === null || target === 0) return null;
  return Math.round((value / target) * 1000) / 10;
}

/** A breakdown row's name in the viewer's language. */
export function rowLabel(row: BreakdownRow, dimension: Dimension, t: Translate, locale: Locale): string {
  if (row.label === null) return t('reports.none');
  if (dimension === 'sector') return t(`sector.${row.key}` as MessageKey);
  if (dimension === 'region') return t(`region.${row.key}` as MessageKey);
  return typeof row.label === 'string' ? row.label : row.label[locale];
}

const FIGURE_COLUMNS = [...INDICATORS, 'respondents'] as const;

/** One breakdown as a table: a row per group with every indicator. */
export function breakdownTable(report: ProjectReport, dimension: Dimension, t: Translate, locale: Locale): Table {
  return {
    name: t(`reports.dimension.${dimension}` as MessageKey),
    header: [
      t(`reports.dimension.${dimension}` as MessageKey),
      t('reports.column.key'),
      ...FIGURE_COLUMNS.map((i) => indicatorLabel(t, i)),
    ],
    rows: report.breakdowns[dimension].map((row) => [
      rowLabel(row, dimension, t, locale),
      row.key,
      ...FIGURE_COLUMNS.map((i) => row.figures[i]),
    ]),
  };
}

/** The totals against their targets (for the sector filter's targets, or the project's). */
export function totalsTable(report: ProjectReport, t: Translate): Table {
  const sector: TargetSector = (report.filters.sector as Sector | null | undefined) ?? 'all';
  return {
    name: t('reports.sheet.totals'),
    header: [t('targets.indicator'), t('reports.column.key'), t('reports.column.value'), t('reports.target'), '%'],
    rows: INDICATORS.map((indicator) => {
      const value = indicatorValue(report.totals, indicator);
      const target = targetOf(report.targets, indicator, sector);
      return [indicatorLabel(t, indicator), indicator, value, target, percentOfTarget(value, target)];
    }),
  };
}

/** Every indicator of the project and of each sector against its target: what the fund checks. */
export function targetsTable(report: ProjectReport, t: Translate): Table {
  const bySector = new Map(report.breakdowns.sector.map((r) => [r.key, r.figures]));
  return {
    name: t('targets.title'),
    header: [
      t('reports.sector'),
      t('reports.column.key'),
      t('targets.indicator'),
      t('reports.column.key'),
      t('reports.column.value'),
      t('reports.target'),
      '%',
    ],
    rows: TARGET_SECTOR_LIST.flatMap((sector) => {
      const figures = sector === 'all' ? report.totals : bySector.get(sector);
      return INDICATORS.map((indicator) => {
        const value = figures
          ? indicatorValue(figures, indicator)
          : indicator === 'knowledgeGain' || indicator === 'attendanceRate'
            ? null
            : 0;
        const target = targetOf(report.targets, indicator, sector);
        return [
          sector === 'all' ? t('targets.allSectors') : t(`sector.${sector}` as MessageKey),
          sector,
          indicatorLabel(t, indicator),
          indicator,
          value,
          target,
          percentOfTarget(value, target),
        ];
      });
    }),
  };
}
