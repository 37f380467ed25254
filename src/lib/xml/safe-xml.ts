import type { X2jOptions } from 'fast-xml-parser';

/**
 * Where the text declares a DOCTYPE or an entity, or -1. Every XML upload (SCORM manifests,
 * Moodle quiz exports) is refused at such a declaration before any parsing: entities are how
 * XXE and "billion laughs" attacks work, and no parser setting is trusted with them.
 */
export function entityDeclarationAt(xml: string): number {
  return /<!\s*(DOCTYPE|ENTITY)/i.exec(xml)?.index ?? -1;
}

/**
 * The fast-xml-parser options every Tilts parse starts from: no entity expansion of any kind
 * (the five predefined references are decoded by the caller), values kept as written.
 */
export const SAFE_PARSER_OPTIONS = {
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
} as const satisfies X2jOptions;
