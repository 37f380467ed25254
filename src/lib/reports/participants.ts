import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../db.ts';
import type { Translate } from '../i18n/translate.ts';
import type { MessageKey } from '../i18n/messages/lv.ts';
import { rigaToUtc, utcToRiga } from '../cohorts/riga-time.ts';
import { compactRows } from './compact-rows.ts';
import { USEFUL_ITEM } from './facts.ts';
import type { ReportFilters } from './report.ts';

type ParticipantRow = [
  enrolmentId: number,
  userId: number,
  name: string,
  email: string,
  erased: number,
  sector: string,
  institution: string | null,
  region: string | null,
  course: string,
  cohort: string | null,
  enrolledAt: number,
  startedAt: number | null,
  completedAt: number | null,
  certificate: string | null,
  revoked: number | null,
  useful: number | null,
  attended: number,
];

/** Enrolments read per query: bounded memory however many participants there are. */
const PAGE = 5000;

function conditions(filters: ReportFilters, institutionIds: number[] | null): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  // Participations active in the period: enrolled before its end, not completed before its start.
  if (filters.to) {
    const end = rigaToUtc(filters.to, '00:00').getTime() / 1000 + 86_400;
    parts.push(sql`e.enrolled_at < ${end}`);
  }
  if (filters.from) {
    parts.push(sql`(e.completed_at IS NULL OR e.completed_at >= ${rigaToUtc(filters.from, '00:00').getTime() / 1000})`);
  }
  if (filters.course) parts.push(sql`c.slug = ${filters.course}`);
  if (filters.sector) parts.push(sql`e.sector = ${filters.sector}`);
  if (filters.region) parts.push(sql`e.region = ${filters.region}`);
  if (institutionIds) {
    parts.push(
      institutionIds.length
        ? sql`e.institution_id IN (${sql.join(
            institutionIds.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : sql`0`,
    );
  }
  return sql.join(parts, sql` AND `);
}

/**
 * The participant list the fund asks for, one row per participation, read page by page.
 * `personal` (admins only) adds name, e-mail and the usefulness answer; without it a row
 * carries only the participant number, so nothing else identifies a person or their answer.
 */
export async function* participantRows(
  filters: ReportFilters,
  institutionIds: number[] | null,
  personal: boolean,
  t: Translate,
): AsyncGenerator<(string | number | null)[]> {
  const db = await getDb();
  const where = conditions(filters, institutionIds);
  // CROSS JOIN keeps SQLite's join order (from the enrolment's own rows outwards): left to
  // itself it read every "useful" answer, or every group of the course, for each enrolment.
  // Riga's offset is whole hours, so the date of an instant is that of its hour: computed once per hour.
  const dates = new Map<number, string>();
  const date = (seconds: number | null) => {
    if (seconds === null) return null;
    const hour = Math.floor(seconds / 3600);
    let day = dates.get(hour);
    if (day === undefined) dates.set(hour, (day = utcToRiga(new Date(hour * 3_600_000)).date));
    return day;
  };
  let after = 0;
  for (;;) {
    const page = await compactRows<ParticipantRow>(
      db,
      sql`id, user_id, name, email, erased, sector, institution, region, course, cohort, enrolled_at, started_at,
          completed_at, certificate, revoked, useful, attended`,
      sql`SELECT e.id, e.user_id, u.name, u.email, u.deleted_at IS NOT NULL AS erased, e.sector, i.name AS institution,
            e.region, c.slug AS course,
            (SELECT co.name FROM cohort_members m CROSS JOIN cohorts co ON co.id = m.cohort_id
              WHERE m.user_id = e.user_id AND co.course_id = e.course_id AND m.status = 'enrolled'
              ORDER BY co.id LIMIT 1) AS cohort,
            e.enrolled_at, e.started_at, e.completed_at,
            cert.number AS certificate, cert.revoked_at IS NOT NULL AS revoked,
            (SELECT a.value FROM survey_responses r CROSS JOIN survey_answers a ON a.response_id = r.id AND a.item_id = ${USEFUL_ITEM}
              WHERE r.enrolment_id = e.id ORDER BY r.id LIMIT 1) AS useful,
            (SELECT count(*) FROM attendance a JOIN cohort_sessions s ON s.id = a.session_id
              JOIN cohorts co ON co.id = s.cohort_id
              WHERE a.user_id = e.user_id AND co.course_id = e.course_id AND a.status IN ('present', 'late')
                AND s.cancelled_at IS NULL) AS attended
          FROM enrolments e
          JOIN users u ON u.id = e.user_id
          JOIN courses c ON c.id = e.course_id
          LEFT JOIN institutions i ON i.id = e.institution_id
          LEFT JOIN certificates cert ON cert.enrolment_id = e.id AND cert.replaced_by_id IS NULL
          WHERE e.id > ${after} AND ${where}
          ORDER BY e.id LIMIT ${PAGE}`,
    );
    for (const r of page) {
      const certificateState =
        r[13] === null ? null : t(r[14] ? 'reports.certificate.revoked' : 'reports.certificate.valid');
      yield [
        r[1],
        ...(personal ? [r[4] ? null : r[2], r[4] ? null : r[3]] : []),
        t(`sector.${r[5]}` as MessageKey),
        r[6],
        r[7] === null ? null : t(`region.${r[7]}` as MessageKey),
        r[8],
        r[9],
        date(r[10]),
        date(r[11]),
        date(r[12]),
        r[13],
        certificateState,
        ...(personal ? [r[15]] : []),
        r[16],
        r[4] ? t('reports.yes') : null,
      ];
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) return;
    after = last[0];
  }
}

/** The header of participantRows, in the same order. */
export function participantHeader(personal: boolean, t: Translate): string[] {
  return [
    t('reports.column.participant'),
    ...(personal ? [t('reports.column.name'), t('reports.column.email')] : []),
    t('reports.column.sector'),
    t('reports.column.institution'),
    t('reports.column.region'),
    t('reports.column.course'),
    t('reports.column.cohort'),
    t('reports.column.enrolled'),
    t('reports.column.started'),
    t('reports.column.completed'),
    t('reports.column.certificate'),
    t('reports.column.certificateState'),
    ...(personal ? [t('reports.column.useful')] : []),
    t('reports.column.attended'),
    t('reports.column.erased'),
  ];
}
