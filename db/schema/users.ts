import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { LOCALES, REGIONS, ROLES, SECTORS, USER_STATUSES } from '../../src/lib/reference/index.ts';
import { institutions } from './institutions.ts';

/**
 * People. A deleted account keeps its row (with personal fields anonymised) so that sector,
 * region and institution still count in the project's aggregate figures.
 */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    role: text('role', { enum: ROLES }).notNull().default('learner'),
    status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
    sector: text('sector', { enum: SECTORS }).notNull(),
    institutionId: integer('institution_id').references(() => institutions.id),
    position: text('position'),
    region: text('region', { enum: REGIONS }).notNull(),
    locale: text('locale', { enum: LOCALES }).notNull().default('lv'),
    privacyConsentAt: integer('privacy_consent_at', { mode: 'timestamp' }),
    createdAt: integer('created_at', { mode: 'timestamp' })
      .notNull()
      .default(sql`(unixepoch())`),
    updatedAt: integer('updated_at', { mode: 'timestamp' })
      .notNull()
      .default(sql`(unixepoch())`),
    deletedAt: integer('deleted_at', { mode: 'timestamp' }),
  },
  (t) => [
    index('users_institution_idx').on(t.institutionId),
    index('users_sector_idx').on(t.sector),
    index('users_role_idx').on(t.role),
  ],
);

/** Which institutions a coordinator looks after (one or more). */
export const coordinatorInstitutions = sqliteTable(
  'coordinator_institutions',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.institutionId] })],
);
