/**
 * Fixed reference lists of the project: sectors the training serves, Latvia's planning
 * regions, and platform roles. They are codes; their names come from the message catalogues.
 */
export const SECTORS = ['education', 'police', 'health', 'public_administration', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

export const REGIONS = ['riga', 'vidzeme', 'kurzeme', 'zemgale', 'latgale'] as const;
export type Region = (typeof REGIONS)[number];

/**
 * The project's indicators (see src/lib/reports/indicators.ts for how each is counted): unique
 * participants enrolled, started, completed, certified, who found the training useful, who
 * attended an in-person session; course completions; mean knowledge gain (percentage points);
 * attendance rate (%).
 */
export const INDICATORS = [
  'enrolled',
  'started',
  'completed',
  'certified',
  'useful',
  'attended',
  'completions',
  'knowledgeGain',
  'attendanceRate',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export const ROLES = ['learner', 'trainer', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['lv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'lv';

export const USER_STATUSES = ['active', 'deactivated', 'deleted'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
