import { AppError } from '../errors.ts';
import type { Role } from '../reference/index.ts';
import type { SessionUser } from './types.ts';

/** The logged-in user, or an UNAUTHORIZED error. */
export function requireUser(user: SessionUser | null | undefined): SessionUser {
  if (!user) throw new AppError('UNAUTHORIZED', 'error.auth.required');
  return user;
}

/** The logged-in user if they hold one of `roles`; otherwise UNAUTHORIZED or FORBIDDEN. */
export function requireRole(user: SessionUser | null | undefined, ...roles: Role[]): SessionUser {
  const current = requireUser(user);
  if (!roles.includes(current.role)) throw new AppError('FORBIDDEN', 'error.forbidden');
  return current;
}

export type Access = 'allow' | 'login' | 'forbidden';

/**
 * Which roles may open which part of the site, by path prefix. The middleware applies this to
 * every request as the first line of defence; pages and actions check again, and check the
 * object they touch (an institution a coordinator asks for must be one of theirs).
 */
export const ROUTE_RULES: readonly { prefix: string; roles: readonly Role[] | 'any' }[] = [
  { prefix: '/admin', roles: ['admin'] },
  { prefix: '/institution', roles: ['coordinator', 'admin'] },
  { prefix: '/account', roles: 'any' },
  { prefix: '/learning', roles: 'any' },
  { prefix: '/learn', roles: 'any' },
  { prefix: '/quiz', roles: 'any' },
  { prefix: '/quizzes', roles: ['trainer', 'admin'] },
  { prefix: '/cohorts', roles: ['trainer', 'admin'] },
  { prefix: '/surveys', roles: ['trainer', 'admin'] },
  { prefix: '/reports', roles: ['coordinator', 'admin'] },
  { prefix: '/join', roles: 'any' },
  { prefix: '/certificates', roles: 'any' },
  { prefix: '/scorm/attempts', roles: ['trainer', 'admin'] },
  { prefix: '/scorm', roles: 'any' },
];

/** Decides access to a path for a user (null = not logged in). */
export function accessFor(pathname: string, user: SessionUser | null): Access {
  const rule = ROUTE_RULES.find((r) => pathname === r.prefix || pathname.startsWith(`${r.prefix}/`));
  if (!rule) return 'allow';
  if (!user) return 'login';
  if (rule.roles === 'any' || rule.roles.includes(user.role)) return 'allow';
  return 'forbidden';
}
