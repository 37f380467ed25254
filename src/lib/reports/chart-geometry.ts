/**
 * Geometry for the server-rendered report charts (src/components/reports). Pure functions, no
 * DOM and no text measurement: the components lay out SVG in viewBox units from these numbers,
 * and the browser only scales the result. Every coordinate is rounded to two decimals so the
 * markup stays short and the tests can name exact numbers.
 *
 * Counts start at zero: a scale's domain is always [0, max], negative or non-finite input is
 * drawn as zero (a report never has a negative count, and a bar going left would mislead).
 */

/** Rounds to two decimals: plenty for SVG user units, and stable in tests. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100 + 0; // `+ 0` turns -0 into 0
}

/** A drawable value: finite and not below zero. */
export function clampValue(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * A linear scale from `domain` to `range`, e.g. counts to x or y coordinates. A domain of zero
 * width (all values equal) maps everything to the start of the range instead of dividing by zero.
 */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  if (span === 0 || !Number.isFinite(span)) return () => round2(r0);
  return (value) => round2(r0 + ((value - d0) / span) * (r1 - r0));
}

/** Steps people read easily on an axis: 1, 2, 2.5 and 5 times a power of ten. */
const NICE_FACTORS = [1, 2, 2.5, 5, 10];

/** The smallest "nice" step at least as large as `rough`. */
export function niceStep(rough: number, integer = false): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const factor of NICE_FACTORS) {
    const step = factor * power;
    // Whole counts get whole steps: 2.5 people per gridline reads as nonsense.
    if (integer && !Number.isInteger(step)) continue;
    // A tolerance, because 0.3 / 0.1 is not exactly 3 in floating point.
    if (step >= rough * (1 - 1e-9)) return step;
  }
  return 10 * power;
}

export interface TickOptions {
  /** At most this many intervals between ticks (so at most count + 1 ticks). Default 8. */
  count?: number;
  /** Only whole-number ticks, for counts of people. Default false. */
  integer?: boolean;
}

/**
 * Axis ticks from 0 to the first nice value at or above `max`, e.g. 0, 250, … 2000 for 1,870.
 * The last tick is the top of the axis, so the largest value (or target) always fits. An empty
 * or all-zero chart still gets an axis, 0 to 1, rather than a zero-height one.
 */
export function niceTicks(max: number, options: TickOptions = {}): number[] {
  const { count = 8, integer = false } = options;
  const top = clampValue(max);
  const step = top === 0 ? 1 : niceStep(top / Math.max(1, count), integer);
  const intervals = Math.max(1, Math.ceil(top / step - 1e-9));
  // Multiplying (not adding) keeps 0.1-steps free of 0.30000000000000004.
  return Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/**
 * A conservative width of `text` in the same units as `fontSize`. No font metrics on the server,
 * so this assumes 0.6 em per character: wider than the average of system-ui digits and letters,
 * so space reserved with it is rather too much than too little.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  return round2([...text].length * fontSize * 0.6);
}

/**
 * A label broken at spaces into lines no wider than `maxWidth` (estimated), since SVG text does
 * not wrap by itself: a long institution name must not run out of a phone-sized chart. A single
 * word wider than that keeps a line of its own.
 */
export function wrapLabel(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  for (const word of text.trim().split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && estimateTextWidth(`${last} ${word}`, fontSize) <= maxWidth) {
      lines[lines.length - 1] = `${last} ${word}`;
    } else {
      lines.push(word);
    }
  }
  return lines.length === 0 ? [''] : lines;
}

/**
 * A headline card's bar: how much of it to fill, in percent of its length. Up to the target the
 * bar is the target; past it, the bar stands for the value and a tick marks where the target was,
 * so "more than the target" is seen as well as read.
 */
export function progressGeometry(percent: number | null): { fill: number; targetAt: number | null } | null {
  if (percent === null || !Number.isFinite(percent)) return null;
  const value = clampValue(percent);
  if (value <= 100) return { fill: round2(value), targetAt: null };
  return { fill: 100, targetAt: round2((100 / value) * 100) };
}

/** Moves a centred label of `width` inwards so that it stays within [min, max]. */
export function clampLabelCentre(x: number, width: number, min: number, max: number): number {
  if (width >= max - min) return round2((min + max) / 2);
  return round2(Math.min(Math.max(x, min + width / 2), max - width / 2));
}

// ---------------------------------------------------------------------------------------------
// Horizontal bars (BarChart, FunnelChart)

export interface BarInput {
  value: number;
  target?: number | null | undefined;
  /** Lines of the category label (see wrapLabel). Default 1. */
  labelLines?: number;
}

export interface BarLayoutOptions {
  /** Width of the drawing (viewBox units). */
  width: number;
  /** Space for the value text right of the longest bar (see estimateTextWidth). */
  valueLabelWidth: number;
  /** Font size of category, value and target labels. Default 14. */
  fontSize?: number;
  /** Bar thickness. Default 20. */
  barHeight?: number;
  /** Space between one row's bottom and the next row's category label. Default 12. */
  rowGap?: number;
  /** Largest value the scale must show, if more than the rows' own (e.g. a funnel's first step). */
  max?: number;
}

export interface BarGeometry {
  /** Baseline of the category label's first line, above the bar. */
  labelY: number;
  /** Distance between the label's lines. */
  lineHeight: number;
  barX: number;
  barY: number;
  barWidth: number;
  barHeight: number;
  /** Start and baseline of the value text, just right of the bar's end. */
  valueX: number;
  valueY: number;
  /** The target marker: null when the row has no target. */
  target: { x: number; y1: number; y2: number; labelX: number; labelY: number; anchor: 'start' | 'end' } | null;
}

export interface BarLayout {
  /** Total height of the drawing. */
  height: number;
  /** Where the bars start (value 0); the components mark it at every bar. */
  x0: number;
  /** The value drawn at full bar length. */
  max: number;
  rows: BarGeometry[];
}

/** Gap between a bar's end and its value text. */
const VALUE_GAP = 6;

/**
 * Rows of horizontal bars, each with its category label on a line of its own above the bar.
 * Labels above (not left of) the bars give both the label and the bar the full width, which is
 * what keeps a chart legible on a 360-px phone. The value text sits right of the bar's end, in
 * space reserved for the widest value; a target adds a marker across the bar and a label line
 * below it. The scale reaches the largest value or target, so a target above every value fits.
 */
export function barLayout(rows: readonly BarInput[], options: BarLayoutOptions): BarLayout {
  const { width, fontSize = 14, barHeight = 20, rowGap = 12 } = options;
  // Never let long value texts squeeze the bars to nothing.
  const reserve = Math.min(options.valueLabelWidth + VALUE_GAP, width * 0.45);
  const x0 = 1; // half the baseline's stroke, so it is not clipped at the edge
  const span = width - x0 - reserve;
  const max = Math.max(
    clampValue(options.max ?? 0),
    ...rows.map((r) => Math.max(clampValue(r.value), clampValue(r.target ?? 0))),
  );
  const scale = linearScale([0, max === 0 ? 1 : max], [0, span]);
  const labelLine = Math.round(fontSize * 1.5);
  let y = 0;
  const geometry = rows.map((row): BarGeometry => {
    const labelY = round2(y + fontSize);
    // A little air between the label's descenders and the bar.
    const barY = y + labelLine * Math.max(1, row.labelLines ?? 1) + 3;
    const barWidth = scale(clampValue(row.value));
    const hasTarget = row.target !== null && row.target !== undefined && Number.isFinite(row.target);
    let target: BarGeometry['target'] = null;
    if (hasTarget) {
      const x = round2(x0 + scale(clampValue(row.target ?? 0)));
      // The label hangs from the marker towards the middle, so it never leaves the drawing.
      const anchor = x > width / 2 ? 'end' : 'start';
      target = {
        x,
        y1: barY - 4,
        y2: barY + barHeight + 4,
        labelX: x,
        labelY: round2(barY + barHeight + 4 + fontSize),
        anchor,
      };
    }
    y = barY + barHeight + (target ? labelLine : 0) + rowGap;
    return {
      labelY,
      lineHeight: labelLine,
      barX: x0,
      barY,
      barWidth,
      barHeight,
      valueX: round2(x0 + barWidth + VALUE_GAP),
      valueY: round2(barY + barHeight / 2 + fontSize * 0.35),
      target,
    };
  });
  // The last row's gap is not needed below it.
  return { height: rows.length === 0 ? 0 : y - rowGap, x0, max, rows: geometry };
}

// ---------------------------------------------------------------------------------------------
// Line over time (TrendChart)

export interface Point {
  x: number;
  y: number;
}

/**
 * x of `count` evenly spaced periods between `left` and `right`, each in the middle of its slot,
 * so the first and last labels have half a slot of room and a single point sits in the middle.
 */
export function slotCentres(count: number, left: number, right: number): number[] {
  if (count <= 0) return [];
  const slot = (right - left) / count;
  return Array.from({ length: count }, (_, i) => round2(left + slot * (i + 0.5)));
}

/** The points of a line series: x from `xs`, y from the value through `yScale`. */
export function linePoints(values: readonly number[], xs: readonly number[], yScale: (v: number) => number): Point[] {
  return values.flatMap((value, i) => {
    const x = xs[i];
    return x === undefined ? [] : [{ x, y: yScale(clampValue(value)) }];
  });
}

/** Points as the `points` attribute of an SVG <polyline>. */
export function polylinePoints(points: readonly Point[]): string {
  return points.map((p) => `${p.x},${p.y}`).join(' ');
}

/** y of a horizontal target line, or null when there is no target to draw. */
export function targetLineY(target: number | null | undefined, yScale: (v: number) => number): number | null {
  if (target === null || target === undefined || !Number.isFinite(target)) return null;
  return yScale(clampValue(target));
}

/**
 * The straight "planned pace" line from zero at the first period to the target at the last one;
 * null when it says nothing (no target, or fewer than two periods).
 */
export function paceLine(
  target: number | null | undefined,
  xs: readonly number[],
  yScale: (v: number) => number,
): [Point, Point] | null {
  const first = xs[0];
  const last = xs.at(-1);
  if (target === null || target === undefined || !(target > 0) || xs.length < 2) return null;
  if (first === undefined || last === undefined) return null;
  return [
    { x: first, y: yScale(0) },
    { x: last, y: yScale(target) },
  ];
}

export interface AxisLabelPlan {
  /** Turn the labels 45° so that they take less width each. */
  rotate: boolean;
  /** Label every n-th period (the last is always labelled too). */
  every: number;
  /** Height the labels need below the axis line. */
  height: number;
}

/**
 * How to label an x axis of `count` slots of `slot` width whose widest label is `labelWidth`:
 * straight when the labels fit side by side, else turned 45°, and only when even turned labels
 * would touch, every second (third, …) one. Twelve quarters in a phone-sized chart stay fully
 * labelled, turned.
 */
export function axisLabelPlan(count: number, slot: number, labelWidth: number, fontSize: number): AxisLabelPlan {
  const gap = fontSize * 0.3;
  if (count <= 1 || labelWidth + gap <= slot) return { rotate: false, every: 1, height: round2(fontSize * 1.6) };
  // Turned 45°, neighbouring labels are slot·sin45° apart measured across the text.
  const across = slot * Math.SQRT1_2;
  const every = Math.max(1, Math.ceil((fontSize * 1.3) / across));
  return { rotate: true, every, height: round2(labelWidth * Math.SQRT1_2 + fontSize * 1.6) };
}

/** Whether period `i` of `count` gets an axis label under `plan`. */
export function labelled(i: number, count: number, every: number): boolean {
  if (i === count - 1) return true;
  // Keep the label before the last one out of its way when thinning.
  return i % every === 0 && count - 1 - i >= every;
}

export interface TrendInput {
  values: readonly number[];
  /** Period names under the x axis, e.g. "2024 Q2". */
  labels: readonly string[];
  /** The values as text, for the labels at the points. */
  valueTexts: readonly string[];
  target: number | null;
  /** Whether the caller wants the planned-pace line (drawn only when there is a target). */
  withPace: boolean;
  tickText: (value: number) => string;
  /** Width of the drawing. Default 400. */
  width?: number;
  /** Height of the plot area itself. Default 180. */
  plotHeight?: number;
}

export interface TrendLayout {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  ticks: { value: number; y: number; text: string }[];
  points: Point[];
  /** Period labels, only those that are shown; turned 45° around (x, y) when `rotate`. */
  axisLabels: { x: number; y: number; text: string }[];
  rotate: boolean;
  valueLabels: { x: number; y: number; text: string }[];
  target: { y: number; labelX: number; labelY: number } | null;
  pace: [Point, Point] | null;
  /** Baselines of the legend lines: the series, the target, then the pace if drawn. */
  legend: number[];
}

/** Font sizes of the trend chart, exported so that the component's text matches its layout. */
export const TREND_FONT = { axis: 13, label: 14 } as const;
const LEGEND_LINE = 20;

/**
 * The whole layout of a cumulative line over periods with a target: y axis of nice ticks from 0 to
 * the larger of the values and the target, one slot per period, the target line across the plot
 * with its label at the left end (where a cumulative line is lowest), the planned pace from 0 at
 * the first period to the target at the last, and a legend below, one entry a line so it fits a
 * phone. Every point gets its value label when the labels fit side by side, else only the last.
 */
export function trendLayout(input: TrendInput): TrendLayout {
  const width = input.width ?? 400;
  const plotHeight = input.plotHeight ?? 180;
  const { axis, label } = TREND_FONT;
  const count = input.values.length;
  const values = input.values.map(clampValue);
  const target = input.target === null || !Number.isFinite(input.target) ? null : clampValue(input.target);
  const integer = [...values, target ?? 0].every(Number.isInteger);
  const tickValues = niceTicks(Math.max(0, ...values, target ?? 0), { count: 5, integer });
  const tickTexts = tickValues.map((v) => input.tickText(v));
  const labelWidth = Math.max(0, ...input.labels.map((l) => estimateTextWidth(l, axis)));
  const right = width - 4;
  // Room for the tick labels; then, with turned period labels, for the first one's tail too.
  let left = Math.max(0, ...tickTexts.map((t) => estimateTextWidth(t, axis))) + 8;
  let plan = axisLabelPlan(count, (right - left) / Math.max(1, count), labelWidth, axis);
  if (plan.rotate) {
    // A turned label ends at its period and runs down-left: the first one must not leave the
    // drawing. Its period sits at left + (right - left) / 2n; solve that ≥ tail for left.
    const tail = labelWidth * Math.SQRT1_2 + 2;
    const half = 1 / (2 * count);
    if (left + (right - left) * half < tail) left = round2((tail - right * half) / (1 - half));
    plan = axisLabelPlan(count, (right - left) / count, labelWidth, axis);
  }
  const top = 28; // room for a label above a point or target line at the top of the plot
  const bottom = top + plotHeight;
  const topValue = tickValues.at(-1) ?? 1;
  const yScale = linearScale([0, topValue], [bottom, top]);
  const xs = slotCentres(count, left, right);
  const points = linePoints(values, xs, yScale);
  const slot = (right - left) / Math.max(1, count);
  const valueWidths = input.valueTexts.map((t) => estimateTextWidth(t, label));
  const allValues = Math.max(0, ...valueWidths) + 4 <= slot;
  const targetY = targetLineY(target, yScale);
  // A value label goes above its point, unless the target line would run through it: then below.
  const labelY = (y: number) => {
    const above = y - 10;
    const crossed = targetY !== null && targetY > above - label - 3 && targetY < above + label * 0.3 + 3;
    return round2(crossed ? y + label + 8 : above);
  };
  const valueLabels = points.flatMap((p, i) =>
    allValues || i === count - 1
      ? [{ x: clampLabelCentre(p.x, valueWidths[i] ?? 0, 0, width), y: labelY(p.y), text: input.valueTexts[i] ?? '' }]
      : [],
  );
  const axisY = round2(bottom + (plan.rotate ? 10 : axis + 6));
  const axisLabels = xs.flatMap((x, i) =>
    labelled(i, count, plan.every) ? [{ x, y: axisY, text: input.labels[i] ?? '' }] : [],
  );
  const pace = input.withPace ? paceLine(target, xs, yScale) : null;
  const legendTop = bottom + plan.height + 8;
  const legend = Array.from({ length: pace ? 3 : 2 }, (_, i) => round2(legendTop + label + i * LEGEND_LINE));
  return {
    width,
    height: round2(legendTop + legend.length * LEGEND_LINE),
    plot: { left: round2(left), right, top, bottom },
    ticks: tickValues.map((value, i) => ({ value, y: yScale(value), text: tickTexts[i] ?? '' })),
    points,
    axisLabels,
    rotate: plan.rotate,
    valueLabels,
    target: targetY === null ? null : { y: targetY, labelX: round2(left + 4), labelY: round2(targetY - 6) },
    pace,
    legend,
  };
}

// ---------------------------------------------------------------------------------------------
// Ids

/**
 * A stable id for one chart's <title> and <desc>, from its content: the same page renders the
 * same ids on every request (no counters or random ids across server renders), and two
 * different charts on one page get different ones.
 */
export function chartId(prefix: string, ...parts: readonly unknown[]): string {
  // FNV-1a, 32 bit: short, fast and good enough to tell a page's few charts apart.
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(parts)) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${prefix}-${hash.toString(36)}`;
}

/**
 * A tick value as text when the caller gives no formatter: digits grouped by threes with a narrow
 * no-break space, which reads correctly in Latvian and English alike (ISO 80000 style).
 */
export function defaultTickText(value: number): string {
  const [whole = '0', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * The colours of global.css, repeated as SVG presentation attributes: a chart copied out of the
 * page (into a progress report) has no stylesheet, and must keep its colours. The components'
 * CSS uses the custom properties, which win in the page.
 */
export const CHART_COLOURS = {
  accent: '#0b5563',
  accentSoft: '#e3f0f2',
  text: '#1b1f23',
  muted: '#4a5560',
  grid: '#b7c2cc',
  background: '#ffffff',
} as const;
