import { seedInstitutions } from '../db/seed/seed.ts';
import { createAccount, type NewAccount } from '../src/lib/users/admin.ts';
import type { RegistrationInput } from '../src/lib/users/schemas.ts';

/** Test data built from the same demo institutions the seed uses. */
let counter = 0;

export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@example.lv`;
}

export async function someInstitutionId(): Promise<number> {
  const ids = await seedInstitutions();
  const first = ids.values().next().value;
  if (first === undefined) throw new Error('no institutions seeded');
  return first;
}

export const STRONG_PASSWORD = 'gaiša-rīta-kafija-42';

export async function registrationInput(overrides: Partial<RegistrationInput> = {}): Promise<RegistrationInput> {
  return {
    name: 'Ilze Bērziņa',
    email: uniqueEmail('reg'),
    password: STRONG_PASSWORD,
    sector: 'education',
    institutionId: await someInstitutionId(),
    position: 'Skolotāja',
    region: 'latgale',
    locale: 'lv',
    consent: true,
    ...overrides,
  };
}

export async function createUser(overrides: Partial<NewAccount> = {}) {
  return createAccount({
    email: uniqueEmail(overrides.role ?? 'learner'),
    name: 'Jānis Kalniņš',
    role: 'learner',
    password: STRONG_PASSWORD,
    sector: 'police',
    region: 'riga',
    institutionId: await someInstitutionId(),
    ...overrides,
  });
}

/** What a request would know about a user as its session user (for guards and access checks). */
export function sessionOf(u: Awaited<ReturnType<typeof createUser>>['user']) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    locale: u.locale,
    sector: u.sector,
    region: u.region,
    institutionId: u.institutionId,
  };
}
