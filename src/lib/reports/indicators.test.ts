import { describe, expect, it } from 'vitest';
import { countBy, countByMany, cumulativeByQuarter, totals, type Participation } from './indicators.ts';
import { quartersBetween } from './quarters.ts';

const day = (date: string) => Date.parse(`${date}T10:00:00Z`);
const p = (over: Partial<Participation>): Participation => ({
  userId: 1,
  courseId: 1,
  sector: 'education',
  region: 'riga',
  institutionId: 1,
  cohortId: null,
  enrolledAt: day('2025-01-10'),
  startedAt: null,
  completedAt: null,
  certifiedAt: null,
  respondedAt: null,
  usefulAt: null,
  pre: null,
  post: null,
  postAt: null,
  marks: [],
  ...over,
});

describe('counting rules', () => {
  const data: Participation[] = [
    p({
      userId: 1,
      courseId: 1,
      startedAt: day('2025-01-11'),
      completedAt: day('2025-02-01'),
      certifiedAt: day('2025-02-01'),
    }),
    p({
      userId: 1,
      courseId: 2,
      enrolledAt: day('2025-04-02'),
      startedAt: day('2025-04-03'),
      completedAt: day('2025-05-01'),
    }),
    p({
      userId: 2,
      sector: 'health',
      region: null,
      institutionId: null,
      marks: [{ at: day('2025-01-20'), attended: false }],
    }),
    p({
      userId: 3,
      sector: 'health',
      pre: 20,
      post: 60,
      postAt: day('2025-03-01'),
      respondedAt: day('2025-03-02'),
      usefulAt: day('2025-03-02'),
    }),
  ];

  it('counts a person once however many of their courses qualify', () => {
    expect(totals(data, { from: null, to: null })).toMatchObject({
      enrolled: 3,
      started: 1,
      completed: 1,
      completions: 2,
      certified: 1,
      useful: 1,
      respondents: 1,
      attended: 0,
      attendanceRate: 0,
      knowledgeGain: 40,
    });
  });

  it('counts what happened in the period only', () => {
    const q2 = { from: Date.parse('2025-04-01T00:00:00Z'), to: Date.parse('2025-07-01T00:00:00Z') };
    expect(totals(data, q2)).toMatchObject({
      enrolled: 1,
      started: 1,
      completed: 1,
      certified: 0,
      knowledgeGain: null,
    });
  });

  it('groups by a breakdown, "none" where the participation has no value, and several breakdowns in one pass', () => {
    const byRegion = countBy(data, { from: null, to: null }, (x) => x.region ?? 'none');
    expect(byRegion.get('riga')?.enrolled).toBe(2);
    expect(byRegion.get('none')?.enrolled).toBe(1);
    const many = countByMany(
      data,
      { from: null, to: null },
      { sector: (x) => x.sector, course: (x) => String(x.courseId) },
    );
    expect(many.sector.get('health')?.enrolled).toBe(2);
    expect(many.course.get('2')?.completed).toBe(1);
    expect(many.course.get('1')?.enrolled).toBe(3);
  });

  it('applies group filters to participations (a coordinator scope with no institutions sees nothing)', () => {
    expect(totals(data, { from: null, to: null, sector: 'health' }).enrolled).toBe(2);
    expect(totals(data, { from: null, to: null, institutionIds: new Set([1]) }).enrolled).toBe(2);
    expect(totals(data, { from: null, to: null, institutionIds: new Set() }).enrolled).toBe(0);
  });

  it('accumulates unique people by the quarter of their first event', () => {
    const quarters = quartersBetween('2025-01-01', '2025-09-30');
    const trend = cumulativeByQuarter(data, { from: null, to: null }, quarters);
    expect(trend.enrolled).toEqual([3, 3, 3]);
    expect(trend.completed).toEqual([1, 1, 1]);
    expect(trend.started).toEqual([1, 1, 1]);
  });
});
