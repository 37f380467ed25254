import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { authenticate } from '../../src/lib/auth/account.ts';
import { createSession, validateSessionToken } from '../../src/lib/auth/session.ts';
import { getDb } from '../../src/lib/db.ts';
import { listAuditEvents } from '../../src/lib/audit/index.ts';
import { deleteOwnAccount, exportPersonalData } from '../../src/lib/users/privacy.ts';
import { findUserById } from '../../src/lib/users/queries.ts';
import { users } from '../../db/schema/index.ts';
import { createUser, STRONG_PASSWORD } from '../factories.ts';

/** The figures a report would show: people per sector, region and institution. */
async function aggregates() {
  const db = await getDb();
  return db
    .select({ sector: users.sector, region: users.region, institutionId: users.institutionId, n: count() })
    .from(users)
    .groupBy(users.sector, users.region, users.institutionId)
    .orderBy(users.sector, users.region, users.institutionId);
}

describe('personal data', () => {
  it('exports everything held about the person, and nothing of anyone else', async () => {
    const { user } = await createUser({ name: 'Līga Ērgle', position: 'Ārste' });
    const { user: other } = await createUser({ name: 'Cita Persona' });
    await createSession(user.id);
    const data = await exportPersonalData(user.id);
    expect(data).toMatchObject({
      format: 'tilts-personal-data/1',
      profile: { id: user.id, email: user.email, name: 'Līga Ērgle', position: 'Ārste', sector: user.sector },
    });
    expect((data['sessions'] as unknown[]).length).toBe(1);
    const text = JSON.stringify(data);
    expect(text).not.toContain(other.email);
    expect(text).not.toContain('passwordHash');
    expect(text).not.toContain('$argon2');
  });

  it('deletion anonymises the person, ends sessions and leaves every aggregate figure unchanged', async () => {
    const { user } = await createUser({
      name: 'Dzēšamā Persona',
      position: 'Inspektore',
      sector: 'police',
      region: 'latgale',
    });
    const { token } = await createSession(user.id);
    const before = await aggregates();

    await expect(deleteOwnAccount(user.id, 'nepareiza-parole', '10.8.0.1')).rejects.toMatchObject({
      field: 'password',
    });
    expect((await findUserById(user.id))?.status).toBe('active');

    await deleteOwnAccount(user.id, STRONG_PASSWORD, '10.8.0.1');
    const after = await findUserById(user.id);
    expect(after).toMatchObject({
      status: 'deleted',
      passwordHash: null,
      position: null,
      sector: 'police',
      region: 'latgale',
    });
    expect(after?.name).not.toContain('Dzēšamā');
    expect(after?.email).not.toBe(user.email);
    expect((await validateSessionToken(token)).user).toBeNull();
    await expect(authenticate(user.email, STRONG_PASSWORD, '10.8.0.2')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await aggregates()).toEqual(before);
    const trail = await listAuditEvents({ userId: user.id });
    expect(trail.map((e) => e.action)).toContain('account_deleted');
    expect(trail.every((e) => e.ip === null)).toBe(true);

    const db = await getDb();
    const [row] = await db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.id, user.id)));
    expect(row?.n).toBe(1);
  });

  it('the e-mail of a deleted account can register again', async () => {
    const { user } = await createUser();
    await deleteOwnAccount(user.id, STRONG_PASSWORD, '10.8.1.1');
    const again = await createUser({ email: user.email });
    expect(again.user.id).not.toBe(user.id);
  });
});
