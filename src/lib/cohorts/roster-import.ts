import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import type { SessionUser } from '../auth/types.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';
import { definitionOf } from '../courses/versions.ts';
import { translator } from '../i18n/translate.ts';
import { sendMail } from '../mail/index.ts';
import type { Region } from '../reference/index.ts';
import { cohortMembers, courses, institutions, passwordResetTokens, users } from '../../../db/schema/index.ts';
import { requireManagedCohort, type CohortRow } from './cohorts.ts';
import { enrolIfSeatedStatement, placeStatement } from './membership.ts';
import { parseRoster, type RosterFileError, type RosterRow } from './roster-csv.ts';

/** How long the link in an invitation e-mail lets a new learner set their password. */
export const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

export interface PreviewRow extends RosterRow {
  /** The account already registered with this e-mail, if any. */
  existingUserId: number | null;
  alreadyMember: boolean;
}
export type RosterPreview = { ok: true; rows: PreviewRow[] } | { ok: false; error: RosterFileError };

/** A row that will be imported: no problems and not in the cohort already. */
export function importable(row: PreviewRow): boolean {
  return row.problems.length === 0 && !row.alreadyMember;
}

/**
 * Reads a roster file for a cohort and says, row by row, what importing it would do — nothing is
 * written. Rows keep their problems (bad e-mail, unknown sector or institution, duplicate) and
 * learn whether the person has an account or is in the cohort already.
 */
export async function previewRoster(actor: SessionUser, cohortId: number, bytes: Uint8Array): Promise<RosterPreview> {
  await requireManagedCohort(actor, cohortId);
  const db = await getDb();
  const known = await db
    .select({ id: institutions.id, name: institutions.name, registrationNumber: institutions.registrationNumber })
    .from(institutions);
  const parsed = parseRoster(bytes, known);
  if (!parsed.ok) return parsed;
  const emails = parsed.rows.map((r) => r.email).filter(Boolean);
  const accounts = new Map<string, number>();
  const members = new Set<number>();
  // In chunks: SQLite limits the number of parameters of one statement.
  for (let i = 0; i < emails.length; i += 500) {
    const found = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, emails.slice(i, i + 500)));
    for (const f of found) accounts.set(f.email, f.id);
  }
  const ids = [...accounts.values()];
  for (let i = 0; i < ids.length; i += 500) {
    const found = await db
      .select({ userId: cohortMembers.userId })
      .from(cohortMembers)
      .where(and(eq(cohortMembers.cohortId, cohortId), inArray(cohortMembers.userId, ids.slice(i, i + 500))));
    for (const f of found) members.add(f.userId);
  }
  return {
    ok: true,
    rows: parsed.rows.map((row) => {
      const existingUserId = accounts.get(row.email) ?? null;
      return { ...row, existingUserId, alreadyMember: existingUserId !== null && members.has(existingUserId) };
    }),
  };
}

export interface RosterImportResult {
  created: number;
  added: number;
  enrolled: number;
  waiting: number;
  skipped: number;
}

/**
 * Imports a roster into a cohort: the rows without problems, all in one transaction (nothing is
 * half-imported). New people get an account without a password and an invitation e-mail with a
 * link to set one (valid 14 days); people with an account are added. Seats are taken in file
 * order; once the cohort is full the rest go onto the waiting list.
 */
export async function applyRoster(
  actor: SessionUser,
  cohortId: number,
  bytes: Uint8Array,
  baseUrl: URL,
  now = new Date(),
): Promise<RosterImportResult | { error: RosterFileError }> {
  const cohort = await requireManagedCohort(actor, cohortId);
  const preview = await previewRoster(actor, cohortId, bytes);
  if (!preview.ok) return { error: preview.error };
  const rows = preview.rows.filter(importable);
  const db = await getDb();
  const region = await regionsFor(rows, cohort);
  const tokens = new Map<string, string>();
  const statements = rows.flatMap((row) => {
    const userId = sql`(select ${users.id} from ${users} where ${users.email} = ${row.email})`;
    const out = [];
    if (row.existingUserId === null) {
      const token = generateToken();
      tokens.set(row.email, token);
      out.push(
        db.insert(users).values({
          email: row.email,
          name: row.name,
          passwordHash: null,
          role: 'learner',
          sector: row.sector ?? 'other',
          institutionId: row.institutionId,
          position: row.position,
          region: region.get(row.email) ?? 'riga',
        }),
        db.run(
          sql`insert into ${passwordResetTokens} (id, user_id, expires_at) values (${hashToken(token)}, ${userId}, ${Math.floor((now.getTime() + INVITATION_LIFETIME_MS) / 1000)})`,
        ),
      );
    }
    out.push(placeStatement(db, cohort, userId, 'import', now), enrolIfSeatedStatement(db, cohort, userId, now));
    return out;
  });
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);

  const placed = rows.length
    ? await db
        .select({ email: users.email, name: users.name, locale: users.locale, status: cohortMembers.status })
        .from(cohortMembers)
        .innerJoin(users, eq(users.id, cohortMembers.userId))
        .where(
          and(
            eq(cohortMembers.cohortId, cohortId),
            eq(cohortMembers.source, 'import'),
            eq(cohortMembers.joinedAt, now),
          ),
        )
    : [];
  await sendInvitations(cohort, placed, tokens, baseUrl);
  return {
    created: tokens.size,
    added: rows.length - tokens.size,
    enrolled: placed.filter((p) => p.status === 'enrolled').length,
    waiting: placed.filter((p) => p.status === 'waiting').length,
    skipped: preview.rows.length - rows.length,
  };
}

/** A new learner's region: their institution's, else the cohort's, else Rīga. */
async function regionsFor(rows: PreviewRow[], cohort: CohortRow): Promise<Map<string, Region>> {
  const db = await getDb();
  const ids = [...new Set(rows.flatMap((r) => (r.institutionId ? [r.institutionId] : [])))];
  const regions = new Map(
    ids.length
      ? (
          await db
            .select({ id: institutions.id, region: institutions.region })
            .from(institutions)
            .where(inArray(institutions.id, ids))
        ).map((i) => [i.id, i.region] as const)
      : [],
  );
  return new Map(
    rows.map((r) => [r.email, (r.institutionId ? regions.get(r.institutionId) : undefined) ?? cohort.region ?? 'riga']),
  );
}

/** E-mails, after the import is stored: new people a link to set a password, others a notice. */
async function sendInvitations(
  cohort: CohortRow,
  placed: { email: string; name: string; locale: 'lv' | 'en'; status: 'enrolled' | 'waiting' }[],
  tokens: Map<string, string>,
  baseUrl: URL,
): Promise<void> {
  const db = await getDb();
  const [course] = await db
    .select({ slug: courses.slug, versionId: courses.currentVersionId })
    .from(courses)
    .where(eq(courses.id, cohort.courseId));
  const definition = course?.versionId ? await definitionOf(course.versionId) : null;
  for (const person of placed) {
    const t = translator(person.locale);
    const token = tokens.get(person.email);
    const link = token
      ? new URL(`/reset-password/${token}`, baseUrl).toString()
      : new URL(`/courses/${course?.slug ?? ''}`, baseUrl).toString();
    const params = { name: person.name, cohort: cohort.name, course: definition?.title[person.locale] ?? '', link };
    sendMail({
      to: person.email,
      subject: t('mail.cohort.subject', params),
      text: t(token ? 'mail.cohort.invite' : 'mail.cohort.added', params),
    }).catch((error: unknown) => console.error('[mail] cohort invitation could not be sent:', error));
  }
}
