import { inArray } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { audit } from '../audit/index.ts';
import { hashPassword } from '../auth/password.ts';
import { assertStrongPassword } from '../auth/account.ts';
import { invalidateUserSessions } from '../auth/session.ts';
import { requireInstitution } from '../institutions/index.ts';
import { generateToken } from '../auth/tokens.ts';
import type { Region, Role, Sector } from '../reference/index.ts';
import { institutions } from '../../../db/schema/index.ts';
import {
  coordinatedInstitutionIds,
  findUserByEmail,
  findUserById,
  insertUser,
  setCoordinatedInstitutions,
  updateUser,
  type UserRow,
} from './queries.ts';

async function requireTarget(userId: number): Promise<UserRow> {
  const user = await findUserById(userId);
  if (!user || user.status === 'deleted') throw new AppError('NOT_FOUND', 'error.user.notFound');
  return user;
}

async function assertInstitutionsExist(ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const db = await getDb();
  const found = await db.select({ id: institutions.id }).from(institutions).where(inArray(institutions.id, ids));
  if (found.length !== new Set(ids).size) {
    throw new AppError('BAD_REQUEST', 'error.institution.unknown', { field: 'institutionIds' });
  }
}

/**
 * Gives a user a role (and, for coordinators, the institutions they look after). An admin
 * cannot change their own role, so the project never loses its last admin by a slip. Every
 * session of the user ends when the role changes: the new privileges start with a new login.
 */
export async function changeUserRole(
  actorUserId: number,
  targetUserId: number,
  role: Role,
  institutionIds: number[],
  ip: string,
): Promise<void> {
  if (actorUserId === targetUserId) throw new AppError('FORBIDDEN', 'error.role.self');
  const target = await requireTarget(targetUserId);
  const wanted = role === 'coordinator' ? [...new Set(institutionIds)] : [];
  if (role === 'coordinator' && wanted.length === 0) {
    throw new AppError('BAD_REQUEST', 'error.coordinator.institutions', { field: 'institutionIds' });
  }
  await assertInstitutionsExist(wanted);
  const before = await coordinatedInstitutionIds(targetUserId);
  const institutionsChanged = before.length !== wanted.length || before.some((id) => !wanted.includes(id));
  if (target.role === role && !institutionsChanged) return;
  await updateUser(targetUserId, { role });
  await setCoordinatedInstitutions(targetUserId, wanted);
  await invalidateUserSessions(targetUserId);
  if (target.role !== role) {
    await audit({ action: 'role_changed', actorUserId, targetUserId, ip, details: { from: target.role, to: role } });
  }
  if (institutionsChanged) {
    await audit({
      action: 'coordinator_institutions_changed',
      actorUserId,
      targetUserId,
      ip,
      details: { from: before, to: wanted },
    });
  }
}

/** Deactivates (no login, sessions end) or reactivates an account. Not one's own. */
export async function setUserActive(
  actorUserId: number,
  targetUserId: number,
  active: boolean,
  ip: string,
): Promise<void> {
  if (actorUserId === targetUserId) throw new AppError('FORBIDDEN', 'error.deactivate.self');
  const target = await requireTarget(targetUserId);
  const status = active ? 'active' : 'deactivated';
  if (target.status === status) return;
  await updateUser(targetUserId, { status });
  if (!active) await invalidateUserSessions(targetUserId);
  await audit({ action: active ? 'user_reactivated' : 'user_deactivated', actorUserId, targetUserId, ip });
}

export interface NewAccount {
  email: string;
  name: string;
  role: Role;
  password?: string | undefined;
  sector: Sector;
  region: Region;
  institutionId?: number | null | undefined;
  position?: string | null | undefined;
  coordinatedInstitutionIds?: number[] | undefined;
}

/**
 * Creates an account on an operator's behalf (CLI, seed). Without a password a random one is
 * generated and returned, to be handed over or replaced by a reset link.
 */
export async function createAccount(
  input: NewAccount,
  actorUserId: number | null = null,
): Promise<{ user: UserRow; password: string }> {
  const email = input.email.trim().toLowerCase();
  if (await findUserByEmail(email)) throw new AppError('CONFLICT', 'error.email.taken', { field: 'email' });
  const password = input.password ?? `${generateToken().slice(0, 16)}`;
  assertStrongPassword(password, email, 'password');
  if (input.institutionId) await requireInstitution(input.institutionId);
  await assertInstitutionsExist(input.coordinatedInstitutionIds ?? []);
  const user = await insertUser({
    email,
    name: input.name.trim(),
    passwordHash: await hashPassword(password),
    role: input.role,
    sector: input.sector,
    region: input.region,
    institutionId: input.institutionId ?? null,
    position: input.position ?? null,
  });
  if (input.role === 'coordinator' && input.coordinatedInstitutionIds?.length) {
    await setCoordinatedInstitutions(user.id, input.coordinatedInstitutionIds);
  }
  await audit({ action: 'user_created', actorUserId, targetUserId: user.id, details: { role: input.role } });
  return { user, password };
}
