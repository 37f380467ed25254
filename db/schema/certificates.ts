import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { courses, enrolments } from './courses.ts';
import { users } from './users.ts';

/**
 * Certificates. Everything printed on one is stored with it when it is issued (name, course
 * title, hours, dates), so the PDF is rendered from this row alone and stays the same; a name
 * correction is a reissue: a new row, and the old one points to it.
 */
export const certificates = sqliteTable(
  'certificates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Readable and unique, e.g. LV-ICC-2026-000123: the year and a sequence within it. */
    number: text('number').notNull().unique(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** Unguessable code of the public verification link (the number alone proves nothing). */
    verificationCode: text('verification_code').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    enrolmentId: integer('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    holderName: text('holder_name').notNull(),
    courseTitle: text('course_title', { mode: 'json' }).$type<{ lv: string; en: string }>().notNull(),
    statement: text('statement', { mode: 'json' }).$type<{ lv: string; en: string } | null>(),
    hours: real('hours').notNull(),
    place: text('place'),
    template: text('template').notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp' }).notNull(),
    issuedAt: integer('issued_at', { mode: 'timestamp' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp' }),
    revokedReason: text('revoked_reason'),
    replacedById: integer('replaced_by_id'),
  },
  (t) => [
    uniqueIndex('certificates_year_seq_idx').on(t.year, t.seq),
    // One current certificate per enrolment: issuing is idempotent, also under concurrency.
    uniqueIndex('certificates_current_idx')
      .on(t.enrolmentId)
      .where(sql`replaced_by_id IS NULL`),
    index('certificates_user_idx').on(t.userId),
  ],
);
