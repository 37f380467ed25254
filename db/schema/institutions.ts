import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { REGIONS, SECTORS } from '../../src/lib/reference/index.ts';

/** Employers of the professionals: schools, hospitals, police units, ministries, municipalities. */
export const institutions = sqliteTable(
  'institutions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    registrationNumber: text('registration_number').notNull().unique(),
    sector: text('sector', { enum: SECTORS }).notNull(),
    region: text('region', { enum: REGIONS }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp' })
      .notNull()
      .default(sql`(unixepoch())`),
  },
  (t) => [index('institutions_name_idx').on(t.name)],
);
