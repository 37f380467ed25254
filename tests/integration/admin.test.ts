import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSession, validateSessionToken } from '../../src/lib/auth/session.ts';
import { getDb } from '../../src/lib/db.ts';
import { coordinatorView } from '../../src/lib/institutions/coordinator.ts';
import { createInstitution, listInstitutions, updateInstitution } from '../../src/lib/institutions/index.ts';
import { changeUserRole, setUserActive } from '../../src/lib/users/admin.ts';
import { coordinatedInstitutionIds, findUserById, searchUsers } from '../../src/lib/users/queries.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { seedInstitutions } from '../../db/seed/seed.ts';
import { createUser, sessionOf } from '../factories.ts';

describe('role changes', () => {
  it('make a coordinator of chosen institutions, end their sessions and are audited', async () => {
    const ids = [...(await seedInstitutions()).values()];
    const { user: admin } = await createUser({ role: 'admin' });
    const { user } = await createUser();
    const { token } = await createSession(user.id);
    await changeUserRole(admin.id, user.id, 'coordinator', [ids[0] ?? 0, ids[1] ?? 0], '10.7.0.1');
    expect((await findUserById(user.id))?.role).toBe('coordinator');
    expect((await coordinatedInstitutionIds(user.id)).sort()).toEqual([ids[0], ids[1]].sort());
    expect((await validateSessionToken(token)).user).toBeNull();
    const db = await getDb();
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, user.id));
    expect(events.find((e) => e.action === 'role_changed')?.details).toEqual({ from: 'learner', to: 'coordinator' });
  });

  it('refuse a coordinator without institutions, unknown institutions and one’s own role', async () => {
    const { user: admin } = await createUser({ role: 'admin' });
    const { user } = await createUser();
    await expect(changeUserRole(admin.id, user.id, 'coordinator', [], '10.7.1.1')).rejects.toMatchObject({
      messageKey: 'error.coordinator.institutions',
    });
    await expect(changeUserRole(admin.id, user.id, 'coordinator', [987_654], '10.7.1.1')).rejects.toMatchObject({
      messageKey: 'error.institution.unknown',
    });
    await expect(changeUserRole(admin.id, admin.id, 'learner', [], '10.7.1.1')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await findUserById(user.id))?.role).toBe('learner');
    expect((await findUserById(admin.id))?.role).toBe('admin');
  });

  it('drop coordinated institutions when the role becomes another', async () => {
    const ids = [...(await seedInstitutions()).values()];
    const { user: admin } = await createUser({ role: 'admin' });
    const { user } = await createUser({ role: 'coordinator', coordinatedInstitutionIds: [ids[0] ?? 0] });
    await changeUserRole(admin.id, user.id, 'trainer', [ids[0] ?? 0], '10.7.2.1');
    expect(await coordinatedInstitutionIds(user.id)).toEqual([]);
  });

  it('deactivation cannot target oneself', async () => {
    const { user: admin } = await createUser({ role: 'admin' });
    await expect(setUserActive(admin.id, admin.id, false, '10.7.3.1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('user search', () => {
  it('finds by name or e-mail fragment, sector, institution and role; never deleted accounts by default', async () => {
    const ids = [...(await seedInstitutions()).values()];
    const { user: a } = await createUser({ name: 'Zane Meklējamā', sector: 'health', institutionId: ids[2] ?? null });
    await createUser({ name: 'Cits Cilvēks', sector: 'police' });
    expect((await searchUsers({ q: 'Meklējamā', page: 1 })).items.map((u) => u.id)).toEqual([a.id]);
    expect((await searchUsers({ q: a.email.slice(0, 12), page: 1 })).items.map((u) => u.id)).toContain(a.id);
    const bySector = await searchUsers({ sector: 'health', page: 1 });
    expect(bySector.items.every((u) => u.sector === 'health')).toBe(true);
    const byInstitution = await searchUsers({ institutionId: ids[2], page: 1 });
    expect(byInstitution.items.map((u) => u.id)).toContain(a.id);
    expect((await searchUsers({ role: 'admin', page: 1 })).items.every((u) => u.role === 'admin')).toBe(true);
    // Latvian capitals are found whichever way the name is typed.
    expect((await searchUsers({ q: 'meklējamā', page: 1 })).items.map((u) => u.id)).toEqual([a.id]);
    expect((await searchUsers({ q: 'zane meklējamā', page: 1 })).items.map((u) => u.id)).toEqual([a.id]);
    // LIKE wildcards in the search text are taken literally.
    expect((await searchUsers({ q: '%', page: 1 })).total).toBe(0);
  });
});

describe('institutions', () => {
  it('are created and edited with unique registration numbers', async () => {
    const { user: admin } = await createUser({ role: 'admin' });
    const created = await createInstitution(
      { name: 'Rēzeknes tehnikums', registrationNumber: '90000009991', sector: 'education', region: 'latgale' },
      admin.id,
    );
    await expect(
      createInstitution(
        { name: 'Dublikāts', registrationNumber: '90000009991', sector: 'health', region: 'riga' },
        admin.id,
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT', field: 'registrationNumber' });
    const updated = await updateInstitution(created.id, { ...created, name: 'Rēzeknes Tehnikums' }, admin.id);
    expect(updated.name).toBe('Rēzeknes Tehnikums');
    expect((await listInstitutions({ q: 'rēzeknes' })).map((i) => i.id)).toContain(created.id);
    expect((await listInstitutions({ sector: 'education', region: 'latgale' })).map((i) => i.id)).toContain(created.id);
  });
});

describe('coordinator view', () => {
  it('shows the staff of coordinated institutions only and refuses another institution', async () => {
    const ids = [...(await seedInstitutions()).values()];
    const [mine, other] = [ids[3] ?? 0, ids[4] ?? 0];
    const { user: coordinator } = await createUser({ role: 'coordinator', coordinatedInstitutionIds: [mine] });
    const { user: staff } = await createUser({ name: 'Mana Darbiniece', institutionId: mine });
    const { user: stranger } = await createUser({ name: 'Sveša Persona', institutionId: other });
    const view = await coordinatorView(sessionOf(coordinator));
    expect(view.institutions.map((i) => i.id)).toEqual([mine]);
    const staffIds = view.institutions[0]?.staff.map((s) => s.id) ?? [];
    expect(staffIds).toContain(staff.id);
    expect(staffIds).not.toContain(stranger.id);
    expect((await coordinatorView(sessionOf(coordinator), other)).forbidden).toBe(true);
    expect((await coordinatorView(sessionOf(staff), mine)).forbidden).toBe(true);
  });
});
