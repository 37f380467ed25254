import { describe, expect, it } from 'vitest';
import { quarterIndex, quarterOfDate, quartersBetween } from './quarters.ts';

describe('quarters in Latvian time', () => {
  it('starts a quarter at midnight in Riga, in winter and in summer time', () => {
    expect(quarterOfDate('2025-02-14')).toEqual({
      key: '2025-Q1',
      start: Date.parse('2024-12-31T22:00:00Z'),
      end: Date.parse('2025-03-31T21:00:00Z'),
    });
    expect(quarterOfDate('2025-12-31').key).toBe('2025-Q4');
    expect(quarterOfDate('2025-12-31').end).toBe(Date.parse('2025-12-31T22:00:00Z'));
  });

  it('lists the quarters of a period and finds the quarter of an instant', () => {
    const quarters = quartersBetween('2024-04-01', '2025-02-01');
    expect(quarters.map((q) => q.key)).toEqual(['2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1']);
    // 23:30 UTC on 31 March 2025 is already 1 April in Riga: the second quarter.
    expect(quarterIndex(quarters, Date.parse('2025-03-31T20:59:59Z'))).toBe(3);
    expect(quarterIndex(quartersBetween('2025-01-01', '2025-06-30'), Date.parse('2025-03-31T21:30:00Z'))).toBe(1);
    expect(quarterIndex(quarters, Date.parse('2024-03-31T12:00:00Z'))).toBeNull();
    expect(quarterIndex(quarters, Date.parse('2025-04-01T12:00:00Z'))).toBeNull();
  });
});
