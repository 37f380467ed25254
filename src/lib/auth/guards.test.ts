import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import type { Role } from '../reference/index.ts';
import { accessFor, requireRole, requireUser } from './guards.ts';
import type { SessionUser } from './types.ts';

const as = (role: Role): SessionUser => ({
  id: 1,
  email: 'a@b.lv',
  name: 'A',
  role,
  locale: 'lv',
  sector: 'education',
  region: 'riga',
  institutionId: null,
});

describe('accessFor', () => {
  it.each([
    ['/', null, 'allow', 'public home'],
    ['/login', null, 'allow', 'public login'],
    ['/account', null, 'login', 'profile needs a login'],
    ['/account/data.json', null, 'login', 'data export needs a login'],
    ['/account', as('learner'), 'allow', 'anyone logged in has a profile'],
    ['/admin', as('learner'), 'forbidden', 'learners are not admins'],
    ['/admin/users/1', as('trainer'), 'forbidden', 'trainers are not admins'],
    ['/admin/users', as('coordinator'), 'forbidden', 'coordinators are not admins'],
    ['/admin/users', as('admin'), 'allow', 'admins manage users'],
    ['/admin', null, 'login', 'anonymous visitors are asked to log in first'],
    ['/administrator', as('learner'), 'allow', 'a prefix matches whole path segments only'],
    ['/institution', as('learner'), 'forbidden', 'learners have no institution view'],
    ['/institution', as('coordinator'), 'allow', 'coordinators see their institutions'],
  ] as const)('%s as %o → %s (%s)', (path, user, expected, _why) => {
    expect(accessFor(path, user)).toBe(expected);
  });
});

describe('requireUser and requireRole', () => {
  it('answer UNAUTHORIZED without a user and FORBIDDEN with the wrong role', () => {
    expect(() => requireUser(null)).toThrow(AppError);
    expect(() => requireRole(null, 'admin')).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }));
    expect(() => requireRole(as('learner'), 'admin')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(requireRole(as('coordinator'), 'coordinator', 'admin').role).toBe('coordinator');
  });
});
