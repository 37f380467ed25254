import { describe, expect, it } from 'vitest';
import {
  axisLabelPlan,
  barLayout,
  chartId,
  clampLabelCentre,
  defaultTickText,
  estimateTextWidth,
  labelled,
  linearScale,
  linePoints,
  niceStep,
  niceTicks,
  paceLine,
  polylinePoints,
  progressGeometry,
  slotCentres,
  targetLineY,
  trendLayout,
  wrapLabel,
} from './chart-geometry.ts';

describe('linear scale', () => {
  it('maps a domain onto a range, also an inverted one (y grows downwards in SVG)', () => {
    const x = linearScale([0, 1000], [0, 367.8]);
    expect(x(0)).toBe(0);
    expect(x(820)).toBe(301.6);
    expect(x(1000)).toBe(367.8);
    const y = linearScale([0, 2000], [208, 28]);
    expect(y(0)).toBe(208);
    expect(y(1870)).toBe(39.7);
    expect(y(2000)).toBe(28);
  });

  it('maps everything to the start of the range when the domain has no width', () => {
    const flat = linearScale([5, 5], [10, 20]);
    expect(flat(5)).toBe(10);
    expect(flat(7)).toBe(10);
  });
});

describe('nice ticks', () => {
  it('picks steps of 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(233.75)).toBe(250);
    expect(niceStep(374)).toBe(500);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(0.3)).toBe(0.5);
    // 2.5 people per gridline is no count: whole steps only.
    expect(niceStep(2.2, true)).toBe(5);
    expect(niceStep(0.75, true)).toBe(1);
    expect(niceStep(0)).toBe(1);
  });

  it('runs from 0 to the first nice value at or above the maximum', () => {
    expect(niceTicks(1870)).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000]);
    expect(niceTicks(1870, { count: 5 })).toEqual([0, 500, 1000, 1500, 2000]);
    // A maximum on a tick is the top of the axis, not one step below it.
    expect(niceTicks(2000, { count: 5 })).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceTicks(3, { integer: true })).toEqual([0, 1, 2, 3]);
    expect(niceTicks(3)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
  });

  it('has no floating-point noise in decimal ticks', () => {
    expect(niceTicks(0.7)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('still draws an axis from 0 to 1 for empty, all-zero, negative or broken data', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(-40)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });
});

describe('horizontal bars', () => {
  it('puts the label above the bar and the value after it, the target marker at its value', () => {
    // Value texts up to 25.2 wide: 31.2 reserved after the bars, so 1000 is 367.8 long.
    const layout = barLayout([{ value: 820, target: 1000 }, { value: 310 }, { value: 0 }], {
      width: 400,
      valueLabelWidth: 25.2,
    });
    expect(layout.height).toBe(177);
    expect(layout.max).toBe(1000);
    expect(layout.rows[0]).toEqual({
      labelY: 14,
      lineHeight: 21,
      barX: 1,
      barY: 24,
      barWidth: 301.6,
      barHeight: 20,
      valueX: 308.6,
      valueY: 38.9,
      // The target above every value: the scale reaches it, the label hangs to the left.
      target: { x: 368.8, y1: 20, y2: 48, labelX: 368.8, labelY: 62, anchor: 'end' },
    });
    // The row with a target takes a line more for the target's label.
    expect(layout.rows[1]).toMatchObject({ labelY: 91, barY: 101, barWidth: 114.02, valueX: 121.02, target: null });
    expect(layout.rows[2]).toMatchObject({ labelY: 147, barY: 157, barWidth: 0, valueX: 7, target: null });
  });

  it('draws a value above its target past the marker, with the scale set by the value', () => {
    const layout = barLayout(
      [
        { value: 400, target: 1000 },
        { value: 1250, target: 400 },
      ],
      { width: 400, valueLabelWidth: 33.6 },
    );
    expect(layout.max).toBe(1250);
    expect(layout.rows[0]?.barWidth).toBe(115.01);
    expect(layout.rows[0]?.target).toMatchObject({ x: 288.52, anchor: 'end' });
    expect(layout.rows[1]?.barWidth).toBe(359.4);
    expect(layout.rows[1]?.target).toEqual({
      x: 116.01,
      y1: 97,
      y2: 125,
      labelX: 116.01,
      labelY: 139,
      anchor: 'start',
    });
  });

  it('handles no rows and all-zero rows', () => {
    expect(barLayout([], { width: 400, valueLabelWidth: 0 })).toEqual({ height: 0, x0: 1, max: 0, rows: [] });
    const zero = barLayout([{ value: 0 }, { value: 0, target: 0 }], { width: 400, valueLabelWidth: 8.4 });
    expect(zero.rows.map((r) => r.barWidth)).toEqual([0, 0]);
    expect(zero.rows[1]?.target).toMatchObject({ x: 1, anchor: 'start' });
    expect(zero.height).toBe(121);
  });

  it('makes room for a wrapped label and never gives more than 45 % of the width to value texts', () => {
    const wrapped = barLayout([{ value: 10, labelLines: 2 }, { value: 5 }], { width: 400, valueLabelWidth: 14 });
    expect(wrapped.rows.map((r) => [r.labelY, r.barY, r.barWidth])).toEqual([
      [14, 45, 379],
      [91, 101, 189.5],
    ]);
    const longText = barLayout([{ value: 10 }], { width: 400, valueLabelWidth: 500 });
    expect(longText.rows[0]?.barWidth).toBe(219);
  });

  it('includes an extra maximum, such as a funnel’s first step', () => {
    expect(barLayout([{ value: 50 }], { width: 400, valueLabelWidth: 0, max: 100 }).rows[0]?.barWidth).toBe(196.5);
  });
});

describe('line series', () => {
  it('centres each period in its slot, a single one in the middle', () => {
    expect(slotCentres(4, 40, 400)).toEqual([85, 175, 265, 355]);
    expect(slotCentres(1, 40, 400)).toEqual([220]);
    expect(slotCentres(0, 40, 400)).toEqual([]);
  });

  it('turns values into polyline points', () => {
    const y = linearScale([0, 100], [200, 0]);
    const points = linePoints([0, 50, -5, 100], [10, 20, 30], y);
    // Negative values are drawn at zero; a value without a period is dropped.
    expect(points).toEqual([
      { x: 10, y: 200 },
      { x: 20, y: 100 },
      { x: 30, y: 200 },
    ]);
    expect(polylinePoints(points)).toBe('10,200 20,100 30,200');
  });

  it('places the target line and the planned pace, or nothing without a target', () => {
    const y = linearScale([0, 2000], [208, 28]);
    expect(targetLineY(1000, y)).toBe(118);
    expect(targetLineY(null, y)).toBeNull();
    expect(targetLineY(undefined, y)).toBeNull();
    expect(paceLine(1000, [50, 150, 250], y)).toEqual([
      { x: 50, y: 208 },
      { x: 250, y: 118 },
    ]);
    expect(paceLine(null, [50, 150], y)).toBeNull();
    expect(paceLine(0, [50, 150], y)).toBeNull();
    // One quarter has no pace to show.
    expect(paceLine(1000, [50], y)).toBeNull();
  });

  it('labels the x axis straight, turned, or turned and thinned', () => {
    expect(axisLabelPlan(4, 90, 54.6, 13)).toEqual({ rotate: false, every: 1, height: 20.8 });
    expect(axisLabelPlan(12, 30, 54.6, 13)).toEqual({ rotate: true, every: 1, height: 59.41 });
    expect(axisLabelPlan(20, 17.5, 54.6, 13)).toEqual({ rotate: true, every: 2, height: 59.41 });
    expect(axisLabelPlan(1, 10, 54.6, 13).rotate).toBe(false);
    const shown = (count: number, every: number) =>
      Array.from({ length: count }, (_, i) => i).filter((i) => labelled(i, count, every));
    // The last period is always labelled, and the one before it gives way.
    expect(shown(12, 2)).toEqual([0, 2, 4, 6, 8, 11]);
    expect(shown(11, 3)).toEqual([0, 3, 6, 10]);
    expect(shown(3, 1)).toEqual([0, 1, 2]);
  });
});

describe('trend layout', () => {
  const base = { withPace: true, tickText: defaultTickText };

  it('lays out four quarters with a target above all values', () => {
    const layout = trendLayout({
      ...base,
      values: [40, 130, 260, 410],
      labels: ['2024 Q2', '2024 Q3', '2024 Q4', '2025 Q1'],
      valueTexts: ['40', '130', '260', '410'],
      target: 1000,
    });
    expect(layout.plot).toEqual({ left: 47, right: 396, top: 28, bottom: 208 });
    expect(layout.ticks.map((t) => [t.value, t.y, t.text])).toEqual([
      [0, 208, '0'],
      [200, 172, '200'],
      [400, 136, '400'],
      [600, 100, '600'],
      [800, 64, '800'],
      [1000, 28, '1\u202f000'],
    ]);
    expect(polylinePoints(layout.points)).toBe('90.63,200.8 177.88,184.6 265.13,161.2 352.38,134.2');
    expect(layout.rotate).toBe(false);
    expect(layout.axisLabels.map((l) => [l.x, l.y])).toEqual([
      [90.63, 227],
      [177.88, 227],
      [265.13, 227],
      [352.38, 227],
    ]);
    // Room for every value label: each 10 above its point.
    expect(layout.valueLabels.map((l) => [l.y, l.text])).toEqual([
      [190.8, '40'],
      [174.6, '130'],
      [151.2, '260'],
      [124.2, '410'],
    ]);
    expect(layout.target).toEqual({ y: 28, labelX: 51, labelY: 22 });
    expect(layout.pace).toEqual([
      { x: 90.63, y: 208 },
      { x: 352.38, y: 28 },
    ]);
    expect(layout.legend).toEqual([250.8, 270.8, 290.8]);
    expect(layout.height).toBe(296.8);
  });

  it('turns twelve quarters’ labels, keeps all of them, and writes only the last value', () => {
    const values = [40, 130, 260, 410, 600, 780, 950, 1120, 1300, 1480, 1690, 1870];
    const layout = trendLayout({
      ...base,
      values,
      labels: values.map((_, i) => `${2024 + Math.floor((i + 1) / 4)} Q${((i + 1) % 4) + 1}`),
      valueTexts: values.map(String),
      target: 2000,
    });
    expect(layout.ticks.map((t) => t.value)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(layout.rotate).toBe(true);
    expect(layout.axisLabels).toHaveLength(12);
    expect(layout.axisLabels[0]).toEqual({ x: 61.54, y: 218, text: '2024 Q2' });
    expect(layout.points.at(-1)).toEqual({ x: 381.46, y: 39.7 });
    // Above the last point the target line would cross the label: it goes below the point.
    expect(layout.valueLabels).toEqual([{ x: 381.46, y: 61.7, text: '1870' }]);
    expect(layout.height).toBe(335.41);
  });

  it('lets values pass the target: the axis reaches the values, the target line sits below the top', () => {
    const layout = trendLayout({
      ...base,
      withPace: false,
      values: [300, 900, 1400],
      labels: ['2024 Q2', '2024 Q3', '2024 Q4'],
      valueTexts: ['300', '900', '1400'],
      target: 1000,
    });
    expect(layout.ticks.map((t) => t.value)).toEqual([0, 500, 1000, 1500]);
    expect(layout.target).toEqual({ y: 88, labelX: 51, labelY: 82 });
    expect(layout.pace).toBeNull();
    expect(layout.legend).toEqual([250.8, 270.8]);
    // 900 sits just below the target line, so its label goes under the point; the others stay above.
    expect(layout.valueLabels.map((l) => [l.y, l.text])).toEqual([
      [162, '300'],
      [122, '900'],
      [30, '1400'],
    ]);
  });

  it('draws one quarter in the middle, with no pace line', () => {
    const layout = trendLayout({ ...base, values: [35], labels: ['2024 Q2'], valueTexts: ['35'], target: 100 });
    expect(layout.points).toEqual([{ x: 213.7, y: 145 }]);
    expect(layout.valueLabels).toEqual([{ x: 213.7, y: 135, text: '35' }]);
    expect(layout.pace).toBeNull();
  });

  it('handles all-zero values without a target, and no values at all', () => {
    const zero = trendLayout({
      ...base,
      values: [0, 0, 0],
      labels: ['a', 'b', 'c'],
      valueTexts: ['0', '0', '0'],
      target: null,
    });
    expect(zero.ticks.map((t) => t.value)).toEqual([0, 1]);
    expect(zero.points.map((p) => p.y)).toEqual([208, 208, 208]);
    expect(zero.target).toBeNull();
    expect(zero.pace).toBeNull();
    expect(zero.legend).toHaveLength(2);
    const empty = trendLayout({ ...base, values: [], labels: [], valueTexts: [], target: null });
    expect(empty.points).toEqual([]);
    expect(empty.axisLabels).toEqual([]);
    expect(empty.valueLabels).toEqual([]);
  });

  it('uses decimal ticks only for values that are not whole', () => {
    const layout = trendLayout({
      ...base,
      values: [0.5, 1.25],
      labels: ['a', 'b'],
      valueTexts: ['0.5', '1.25'],
      target: null,
    });
    expect(layout.ticks.map((t) => t.text)).toEqual(['0', '0.25', '0.5', '0.75', '1', '1.25']);
  });
});

describe('text and cards', () => {
  it('estimates text widths generously and keeps labels inside the drawing', () => {
    expect(estimateTextWidth('2024 Q2', 13)).toBe(54.6);
    expect(estimateTextWidth('Rīga', 14)).toBe(33.6);
    expect(clampLabelCentre(396, 30, 0, 400)).toBe(385);
    expect(clampLabelCentre(5, 30, 0, 400)).toBe(15);
    expect(clampLabelCentre(100, 30, 0, 400)).toBe(100);
    expect(clampLabelCentre(200, 500, 0, 400)).toBe(200);
  });

  it('wraps long labels at spaces', () => {
    expect(wrapLabel('Valsts ieņēmumu dienesta Latgales reģionālā struktūrvienība', 200, 14)).toEqual([
      'Valsts ieņēmumu',
      'dienesta Latgales',
      'reģionālā',
      'struktūrvienība',
    ]);
    expect(wrapLabel('Rīga', 200, 14)).toEqual(['Rīga']);
    expect(wrapLabel('  ', 200, 14)).toEqual(['']);
  });

  it('fills a headline bar up to the target, and past it marks where the target was', () => {
    expect(progressGeometry(93.5)).toEqual({ fill: 93.5, targetAt: null });
    expect(progressGeometry(100)).toEqual({ fill: 100, targetAt: null });
    expect(progressGeometry(250)).toEqual({ fill: 100, targetAt: 40 });
    expect(progressGeometry(0)).toEqual({ fill: 0, targetAt: null });
    expect(progressGeometry(null)).toBeNull();
  });

  it('groups tick digits with a narrow no-break space', () => {
    expect(defaultTickText(1234567)).toBe('1\u202f234\u202f567');
    expect(defaultTickText(500)).toBe('500');
    expect(defaultTickText(0.25)).toBe('0.25');
  });

  it('gives a chart the same id on every render and different charts different ids', () => {
    expect(chartId('chart', 'Regions', 'a')).toBe(chartId('chart', 'Regions', 'a'));
    expect(chartId('chart', 'Regions', 'a')).not.toBe(chartId('chart', 'Regions', 'b'));
    expect(chartId('chart', 'Regions', 'a')).toMatch(/^chart-[0-9a-z]+$/);
  });
});
