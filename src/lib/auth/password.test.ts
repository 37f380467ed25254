import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('passwordProblem', () => {
  it.each([
    ['short', 'īss-9', 'error.password.short'],
    ['over the maximum', 'a'.repeat(129), 'error.password.long'],
    ['a common one', 'Parole1234', 'error.password.common'],
    ['one repeated character', 'zzzzzzzzzzzz', 'error.password.common'],
    ['containing the e-mail name', 'ilze.berzina!x', 'error.password.email'],
  ])('refuses a password that is %s', (_why, password, expected) => {
    expect(passwordProblem(password, 'ilze.berzina@skola.lv')).toBe(expected);
  });

  it.each([
    ['a long passphrase with Latvian letters', 'zaļā-ābele-pļavā'],
    ['exactly the minimum length', 'k8#Lm2!qZx'],
    ['exactly the maximum length', 'x'.repeat(127) + 'y'],
  ])('accepts %s', (_why, password) => {
    expect(passwordProblem(password, 'ilze.berzina@skola.lv')).toBeNull();
  });
});

describe('argon2id hashing', () => {
  it('verifies the right password and refuses a wrong or over-long one', async () => {
    const hash = await hashPassword('zaļā-ābele-pļavā');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'zaļā-ābele-pļavā')).toBe(true);
    expect(await verifyPassword(hash, 'zala-abele-plava')).toBe(false);
    expect(await verifyPassword(hash, 'x'.repeat(10_000))).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });
});
