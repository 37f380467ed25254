/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('./lib/auth/types.ts').SessionUser | null;
    sessionId: string | null;
    locale: import('./lib/reference/index.ts').Locale;
    t: import('./lib/i18n/translate.ts').Translate;
    clientIp: string;
  }
}
