import type { Translate } from '../lib/i18n/translate.ts';
import { LOCALES, REGIONS, ROLES, SECTORS } from '../lib/reference/index.ts';

type Options = (readonly [string, string])[];

/** [value, label] pairs for the reference lists, labelled in the reader's language. */
export function referenceOptions(t: Translate): {
  sectors: Options;
  regions: Options;
  roles: Options;
  locales: Options;
} {
  return {
    sectors: SECTORS.map((s) => [s, t(`sector.${s}`)] as const),
    regions: REGIONS.map((r) => [r, t(`region.${r}`)] as const),
    roles: ROLES.map((r) => [r, t(`role.${r}`)] as const),
    locales: LOCALES.map((l) => [l, t(`locale.${l}`)] as const),
  };
}
