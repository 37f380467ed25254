import type { Locale, Region, Role, Sector } from '../reference/index.ts';

/** What a request knows about its logged-in user. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  sector: Sector;
  region: Region;
  institutionId: number | null;
}
