import type { Region, Sector } from '../reference/index.ts';
import { quarterIndex, type Quarter } from './quarters.ts';

/**
 * THE counting rules of the project's indicators. Every figure of the dashboard, the exports
 * and the CLI comes from these functions, over "participations" (one per person and course,
 * see facts.ts for how they are read):
 *
 * - A participant is a person. The unique indicators (enrolled, started, completed, certified,
 *   useful, attended, and survey respondents) count each person once in a group, however many
 *   of their courses qualify: someone who completes two courses is one participant "completed"
 *   and two "course completions".
 * - A participation belongs to the sector, region and institution the person had when they
 *   enrolled (recorded on the enrolment), so a person who moves from a school to a hospital is
 *   counted in education for the course taken as a teacher and in health for the one taken as
 *   a nurse; in the project total they are still one person. Erasing a person's personal data
 *   keeps these, so no figure changes.
 * - Each indicator has its own date, and a period filter counts what happened in the period:
 *   enrolled (enrolment date), started (first opening of an activity), completed (course
 *   completion recorded by THE completion rule), certified (first issue of a certificate that
 *   is still valid: a revoked one never counts, a reissued one counts once, at its first
 *   issue), useful (survey answered with 4 "agree" or 5 "strongly agree" on the item
 *   "The training was useful for my work"), attended (present or late at an in-person
 *   session held in the period; excused is not attended).
 * - Course completions count participations, not people.
 * - Knowledge gain is the mean, over participations with both, of post-test grade minus
 *   pre-test percent in percentage points (the pre-test counts only when taken before the first
 *   post-test; the post-test grade follows the quiz's grading), dated by the graded post-test.
 * - Attendance rate is attended marks / all marks of sessions held in the period.
 * - Group filters (course, sector, region, institution) select participations; the quarter
 *   breakdown puts each event in the quarter (Latvian time) it happened in, so a person
 *   counts once per quarter in which they did it.
 */

export interface Mark {
  at: number;
  attended: boolean;
}

/** One person's enrolment in one course and what came of it (instants in ms). */
export interface Participation {
  userId: number;
  courseId: number;
  sector: Sector;
  region: Region | null;
  institutionId: number | null;
  cohortId: number | null;
  enrolledAt: number;
  startedAt: number | null;
  completedAt: number | null;
  certifiedAt: number | null;
  respondedAt: number | null;
  usefulAt: number | null;
  pre: number | null;
  post: number | null;
  postAt: number | null;
  marks: readonly Mark[];
}

/** Which participations and which period a report covers (from inclusive, to exclusive). */
export interface Scope {
  from: number | null;
  to: number | null;
  courseId?: number | null;
  sector?: Sector | null;
  region?: Region | null;
  /** A coordinator's institutions (null: all). */
  institutionIds?: ReadonlySet<number> | null;
}

export const UNIQUE_INDICATORS = ['enrolled', 'started', 'completed', 'certified', 'useful', 'attended'] as const;
export type UniqueIndicator = (typeof UNIQUE_INDICATORS)[number];
/** The unique indicators plus survey respondents (the base of "useful"). */
const COUNTED = [...UNIQUE_INDICATORS, 'respondents'] as const;
type Counted = (typeof COUNTED)[number];

export interface Figures {
  enrolled: number;
  started: number;
  completed: number;
  certified: number;
  useful: number;
  attended: number;
  respondents: number;
  completions: number;
  /** Mean gain in percentage points, and over how many participations. */
  knowledgeGain: number | null;
  meanPre: number | null;
  meanPost: number | null;
  gainParticipations: number;
  /** Attended marks / marks, in %, and the marks it is computed from. */
  attendanceRate: number | null;
  marks: number;
  attendedMarks: number;
}

/** The instant of a one-off event (all indicators but attended, which has one per session). */
function instantOf(p: Participation, indicator: Exclude<Counted, 'attended'>): number | null {
  switch (indicator) {
    case 'enrolled':
      return p.enrolledAt;
    case 'started':
      return p.startedAt;
    case 'completed':
      return p.completedAt;
    case 'certified':
      return p.certifiedAt;
    case 'useful':
      return p.usefulAt;
    case 'respondents':
      return p.respondedAt;
  }
}

/** The instants at which a participation did what an indicator counts. */
function eventsOf(p: Participation, indicator: Counted): readonly number[] {
  if (indicator === 'attended') return p.marks.filter((m) => m.attended).map((m) => m.at);
  const at = instantOf(p, indicator);
  return at === null ? [] : [at];
}

const inPeriod = (scope: Scope, at: number) =>
  (scope.from === null || at >= scope.from) && (scope.to === null || at < scope.to);

export function inScope(p: Participation, scope: Scope): boolean {
  return (
    (scope.courseId == null || p.courseId === scope.courseId) &&
    (scope.sector == null || p.sector === scope.sector) &&
    (scope.region == null || p.region === scope.region) &&
    (scope.institutionIds == null || (p.institutionId !== null && scope.institutionIds.has(p.institutionId)))
  );
}

interface Accumulator {
  counts: number[];
  completions: number;
  gainSum: number;
  preSum: number;
  postSum: number;
  gainParticipations: number;
  marks: number;
  attendedMarks: number;
}

const newAccumulator = (): Accumulator => ({
  counts: COUNTED.map(() => 0),
  completions: 0,
  gainSum: 0,
  preSum: 0,
  postSum: 0,
  gainParticipations: 0,
  marks: 0,
  attendedMarks: 0,
});

const round2 = (n: number) => Math.round(n * 100) / 100;

function figuresOf(a: Accumulator): Figures {
  const count = (i: Counted) => a.counts[COUNTED.indexOf(i)] ?? 0;
  const mean = (sum: number) => (a.gainParticipations ? round2(sum / a.gainParticipations) : null);
  return {
    enrolled: count('enrolled'),
    started: count('started'),
    completed: count('completed'),
    certified: count('certified'),
    useful: count('useful'),
    attended: count('attended'),
    respondents: count('respondents'),
    completions: a.completions,
    knowledgeGain: mean(a.gainSum),
    meanPre: mean(a.preSum),
    meanPost: mean(a.postSum),
    gainParticipations: a.gainParticipations,
    attendanceRate: a.marks ? round2((a.attendedMarks / a.marks) * 100) : null,
    marks: a.marks,
    attendedMarks: a.attendedMarks,
  };
}

/**
 * Where an event belongs: a group key from the participation (sector, course…) and, for the
 * quarter breakdown, from the event's instant. Null leaves the event out.
 */
export type GroupOf = (p: Participation, at: number) => string | null;

/** A breakdown: how a participation (and, for quarters, an event's instant) maps to a group. */
interface Breakdown {
  groupOf: GroupOf;
  /** Whether the group depends on the event's instant (quarters) or only on the participation. */
  byInstant: boolean;
}

/**
 * The figures of every group of several breakdowns, in one pass. `participations` must be
 * sorted by person (facts.ts reads them so): each person's events are gathered before anything
 * is counted, so they count once per group and indicator. Written for 100,000s of
 * participations: a participation's groups are computed once, not per event.
 */
function countGroups(
  participations: readonly Participation[],
  scope: Scope,
  breakdowns: readonly Breakdown[],
): Map<string, Figures>[] {
  const groups = breakdowns.map(() => new Map<string, Accumulator>());
  const acc = (b: number, key: string) => {
    const map = groups[b] as Map<string, Accumulator>;
    let a = map.get(key);
    if (!a) map.set(key, (a = newAccumulator()));
    return a;
  };
  // The current person's (breakdown, group) pairs and the indicators reached in each (bit per indicator).
  const seenBreakdown: number[] = [];
  const seenKey: string[] = [];
  const seenBits: number[] = [];
  const mark = (b: number, key: string, bit: number) => {
    for (let i = 0; i < seenKey.length; i++) {
      if (seenBreakdown[i] === b && seenKey[i] === key) {
        seenBits[i] = (seenBits[i] ?? 0) | bit;
        return;
      }
    }
    seenBreakdown.push(b);
    seenKey.push(key);
    seenBits.push(bit);
  };
  const flush = () => {
    for (let i = 0; i < seenKey.length; i++) {
      const a = acc(seenBreakdown[i] ?? 0, seenKey[i] ?? '');
      const bits = seenBits[i] ?? 0;
      for (let c = 0; c < COUNTED.length; c++) if ((bits >> c) & 1) a.counts[c] = (a.counts[c] ?? 0) + 1;
    }
    seenBreakdown.length = 0;
    seenKey.length = 0;
    seenBits.length = 0;
  };
  const staticKeys: (string | null)[] = breakdowns.map(() => null);
  const keyOf = (b: number, p: Participation, at: number) =>
    breakdowns[b]?.byInstant ? (breakdowns[b]?.groupOf(p, at) ?? null) : (staticKeys[b] ?? null);
  // No closures or arrays per event in the loop below: it runs for every event of every person.
  const markAll = (p: Participation, at: number, bit: number) => {
    for (let b = 0; b < breakdowns.length; b++) {
      const key = keyOf(b, p, at);
      if (key !== null) mark(b, key, bit);
    }
  };
  const accumulators: Accumulator[] = [];
  const accumulatorsOf = (p: Participation, at: number) => {
    accumulators.length = 0;
    for (let b = 0; b < breakdowns.length; b++) {
      const key = keyOf(b, p, at);
      if (key !== null) accumulators.push(acc(b, key));
    }
    return accumulators;
  };

  let person: number | null = null;
  for (const p of participations) {
    if (p.userId !== person) {
      flush();
      person = p.userId;
    }
    if (!inScope(p, scope)) continue;
    for (let b = 0; b < breakdowns.length; b++) {
      staticKeys[b] = breakdowns[b]?.byInstant ? null : (breakdowns[b]?.groupOf(p, 0) ?? null);
    }
    for (let c = 0; c < COUNTED.length; c++) {
      const indicator = COUNTED[c] as Counted;
      if (indicator === 'attended') {
        for (const m of p.marks) if (m.attended && inPeriod(scope, m.at)) markAll(p, m.at, 1 << c);
      } else {
        const at = instantOf(p, indicator);
        if (at !== null && inPeriod(scope, at)) markAll(p, at, 1 << c);
      }
    }
    if (p.completedAt !== null && inPeriod(scope, p.completedAt)) {
      for (const a of accumulatorsOf(p, p.completedAt)) a.completions++;
    }
    const { pre, post, postAt } = p;
    if (pre !== null && post !== null && postAt !== null && inPeriod(scope, postAt)) {
      for (const a of accumulatorsOf(p, postAt)) {
        a.gainSum += post - pre;
        a.preSum += pre;
        a.postSum += post;
        a.gainParticipations++;
      }
    }
    for (const m of p.marks) {
      if (!inPeriod(scope, m.at)) continue;
      for (const a of accumulatorsOf(p, m.at)) {
        a.marks++;
        if (m.attended) a.attendedMarks++;
      }
    }
  }
  flush();
  return groups.map((map) => new Map([...map].map(([key, a]) => [key, figuresOf(a)])));
}

/** The figures of every group of one breakdown. */
export function countBy(
  participations: readonly Participation[],
  scope: Scope,
  groupOf: GroupOf,
): Map<string, Figures> {
  return countGroups(participations, scope, [{ groupOf, byInstant: true }])[0] ?? new Map();
}

/**
 * Several breakdowns in one pass over the participations (same rules as countBy). Those named
 * in `byInstant` group by the event's instant (quarters); the others by the participation only.
 */
export function countByMany<D extends string>(
  participations: readonly Participation[],
  scope: Scope,
  breakdowns: Readonly<Record<D, GroupOf>>,
  byInstant: readonly NoInfer<D>[] = [],
): Record<D, Map<string, Figures>> {
  const names = Object.keys(breakdowns) as D[];
  const counted = countGroups(
    participations,
    scope,
    names.map((name) => ({ groupOf: breakdowns[name], byInstant: byInstant.includes(name) })),
  );
  return Object.fromEntries(names.map((name, i) => [name, counted[i] ?? new Map()])) as Record<D, Map<string, Figures>>;
}

/** Figures of everything in scope (one group). */
export function totals(participations: readonly Participation[], scope: Scope): Figures {
  return countBy(participations, scope, () => 'all').get('all') ?? figuresOf(newAccumulator());
}

/** Figures per quarter: a person counts in each quarter in which they did what is counted. */
export function countByQuarter(
  participations: readonly Participation[],
  scope: Scope,
  quarters: readonly Quarter[],
): Map<string, Figures> {
  return countBy(participations, scope, (_, at) => {
    const i = quarterIndex(quarters, at);
    return i === null ? null : (quarters[i]?.key ?? null);
  });
}

/**
 * Unique participants reached by the end of each quarter (cumulative), per indicator: a person
 * counts from the quarter of their first qualifying event. The last value equals the total.
 */
export function cumulativeByQuarter(
  participations: readonly Participation[],
  scope: Scope,
  quarters: readonly Quarter[],
): Record<UniqueIndicator, number[]> {
  const firsts = new Map<string, number>();
  const out = Object.fromEntries(UNIQUE_INDICATORS.map((i) => [i, quarters.map(() => 0)])) as Record<
    UniqueIndicator,
    number[]
  >;
  const countFirsts = () => {
    for (const [indicator, at] of firsts) {
      const q = quarterIndex(quarters, at);
      const series = out[indicator as UniqueIndicator];
      if (q !== null) series[q] = (series[q] ?? 0) + 1;
    }
    firsts.clear();
  };
  let person: number | null = null;
  for (const p of participations) {
    if (p.userId !== person) {
      countFirsts();
      person = p.userId;
    }
    if (!inScope(p, scope)) continue;
    for (const indicator of UNIQUE_INDICATORS) {
      for (const at of eventsOf(p, indicator)) {
        if (!inPeriod(scope, at)) continue;
        const first = firsts.get(indicator);
        if (first === undefined || at < first) firsts.set(indicator, at);
      }
    }
  }
  countFirsts();
  for (const indicator of UNIQUE_INDICATORS) {
    const series = out[indicator];
    for (let q = 1; q < series.length; q++) series[q] = (series[q] ?? 0) + (series[q - 1] ?? 0);
  }
  return out;
}
