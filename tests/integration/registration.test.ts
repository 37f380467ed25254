import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { registerUser } from '../../src/lib/auth/account.ts';
import { RATE_LIMITS } from '../../src/lib/auth/rate-limit.ts';
import { getDb } from '../../src/lib/db.ts';
import { registrationSchema } from '../../src/lib/users/schemas.ts';
import { findUserByEmail } from '../../src/lib/users/queries.ts';
import { users, auditEvents } from '../../db/schema/index.ts';
import { registrationInput, uniqueEmail } from '../factories.ts';

async function userCount(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

describe('registration', () => {
  it('creates a learner with an argon2id hash, consent time and an audit event', async () => {
    const input = await registrationInput({ name: 'Ērika Šķēle-Žagare' });
    const user = await registerUser(input, '10.0.0.1');
    expect(user.role).toBe('learner');
    expect(user.name).toBe('Ērika Šķēle-Žagare');
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(input.password);
    expect(user.privacyConsentAt).toBeInstanceOf(Date);
    const db = await getDb();
    const events = await db.select().from(auditEvents);
    expect(events.some((e) => e.action === 'register' && e.targetUserId === user.id)).toBe(true);
  });

  it('refuses a duplicate e-mail, whatever its case, and writes nothing', async () => {
    const input = await registrationInput();
    await registerUser(input, '10.0.0.2');
    const before = await userCount();
    await expect(
      registerUser({ ...input, email: input.email.toUpperCase().toLowerCase() }, '10.0.0.2'),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      messageKey: 'error.email.taken',
      field: 'email',
    });
    expect(await userCount()).toBe(before);
  });

  it('refuses an unknown institution and writes nothing', async () => {
    const before = await userCount();
    await expect(registerUser(await registrationInput({ institutionId: 999_999 }), '10.0.0.3')).rejects.toMatchObject({
      messageKey: 'error.institution.unknown',
    });
    expect(await userCount()).toBe(before);
  });

  it('refuses a weak password and writes nothing', async () => {
    const before = await userCount();
    await expect(registerUser(await registrationInput({ password: 'parole1234' }), '10.0.0.4')).rejects.toMatchObject({
      messageKey: 'error.password.common',
      field: 'password',
    });
    expect(await userCount()).toBe(before);
  });

  it('limits registrations per address', async () => {
    for (let i = 0; i < RATE_LIMITS.registerPerIp.limit; i++) {
      await registerUser(await registrationInput(), '10.9.9.9');
    }
    await expect(registerUser(await registrationInput(), '10.9.9.9')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    // Another address is not affected.
    await expect(registerUser(await registrationInput(), '10.9.9.10')).resolves.toBeDefined();
  });

  it('stores SQL-looking text literally (parameterised queries)', async () => {
    const input = await registrationInput({ position: "'; DROP TABLE users; --" });
    const user = await registerUser(input, '10.0.0.5');
    expect((await findUserByEmail(input.email))?.position).toBe("'; DROP TABLE users; --");
    expect(user.id).toBeGreaterThan(0);
  });
});

describe('registration form schema', () => {
  const valid = {
    name: 'Ilze Ūdre',
    email: ' Ilze.Udre@Skola.LV ',
    password: 'gaiša-rīta-kafija-42',
    sector: 'education',
    institutionId: '3',
    position: '',
    region: 'latgale',
    locale: 'lv',
    consent: 'on',
  };

  it('normalises a valid form (e-mail trimmed and lower-cased, empty position → null)', () => {
    const parsed = registrationSchema.parse(valid);
    expect(parsed.email).toBe('ilze.udre@skola.lv');
    expect(parsed.institutionId).toBe(3);
    expect(parsed.position).toBeNull();
    expect(parsed.consent).toBe(true);
  });

  it('drops a forged role field', () => {
    const parsed = registrationSchema.parse({ ...valid, role: 'admin', id: '1' });
    expect(parsed).not.toHaveProperty('role');
    expect(parsed).not.toHaveProperty('id');
  });

  it.each([
    ['name', '<script>alert(1)</script>', 'error.name.characters'],
    ['name', "Robert'); DROP TABLE users;--", 'error.name.characters'],
    ['name', 'A', 'error.name.short'],
    ['name', 'Ā'.repeat(101), 'error.name.long'],
    ['email', 'not-an-email', 'error.email.invalid'],
    ['email', `${'a'.repeat(250)}@x.lv`, 'error.email.invalid'],
    ['position', '<b>boss</b>', 'error.position.characters'],
    ['position', 'line\nbreak', 'error.position.characters'],
    ['sector', 'army', 'error.sector.invalid'],
    ['region', 'narnia', 'error.region.invalid'],
    ['institutionId', 'abc', 'error.institution.unknown'],
    ['institutionId', '', 'error.institution.unknown'],
    ['consent', '', 'error.consent.required'],
  ])('refuses %s = %j with %s', (field, value, key) => {
    const result = registrationSchema.safeParse({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === field)?.message).toBe(key);
  });

  it('accepts names in any script with Latvian letters, hyphens and apostrophes', () => {
    for (const name of ['Ģirts Ņikitins', "O'Brien", 'Anna-Marija Zāle', 'Олег Петров']) {
      expect(registrationSchema.safeParse({ ...valid, name }).success, name).toBe(true);
    }
    expect(uniqueEmail()).toMatch(/@example\.lv$/);
  });
});
