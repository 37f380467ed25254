import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb } from '../db.ts';
import type { SessionUser } from '../auth/types.ts';
import { coordinatedInstitutionIds } from '../users/queries.ts';
import { institutions, users } from '../../../db/schema/index.ts';
import type { Institution } from './index.ts';

export interface StaffMember {
  id: number;
  name: string;
  email: string;
  position: string | null;
  sector: Institution['sector'];
}

/** Institutions a person may see the staff of: all for an admin, their own for a coordinator. */
export async function visibleInstitutionIds(user: SessionUser): Promise<number[] | 'all'> {
  if (user.role === 'admin') return 'all';
  if (user.role === 'coordinator') return coordinatedInstitutionIds(user.id);
  return [];
}

/**
 * The coordinator's page: each institution they look after with its active staff. With
 * `onlyId`, just that institution — refused (forbidden) if it is not one of theirs.
 */
export async function coordinatorView(
  user: SessionUser,
  onlyId?: number,
): Promise<{ forbidden: boolean; institutions: (Institution & { staff: StaffMember[] })[] }> {
  const visible = await visibleInstitutionIds(user);
  let ids: number[] | 'all' = visible;
  if (onlyId !== undefined) {
    if (visible !== 'all' && !visible.includes(onlyId)) return { forbidden: true, institutions: [] };
    ids = [onlyId];
  } else if (visible === 'all') {
    // An admin without a filter sees nothing here by default: the admin pages list everything.
    ids = [];
  }
  if (ids === 'all' || ids.length === 0) return { forbidden: false, institutions: [] };
  const db = await getDb();
  const [insts, staff] = await db.batch([
    db.select().from(institutions).where(inArray(institutions.id, ids)).orderBy(asc(institutions.name)),
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        position: users.position,
        sector: users.sector,
        institutionId: users.institutionId,
      })
      .from(users)
      .where(and(inArray(users.institutionId, ids), eq(users.status, 'active')))
      .orderBy(asc(users.name)),
  ]);
  return {
    forbidden: false,
    institutions: insts.map((i) => ({
      ...i,
      staff: staff.filter((s) => s.institutionId === i.id).map(({ institutionId: _, ...s }) => s),
    })),
  };
}
