export * from './institutions.ts';
export * from './users.ts';
export * from './auth.ts';
export * from './audit.ts';
export * from './courses.ts';
export * from './certificates.ts';
export * from './quizzes.ts';
export * from './cohorts.ts';
