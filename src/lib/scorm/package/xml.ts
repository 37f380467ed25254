import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { entityDeclarationAt, SAFE_PARSER_OPTIONS } from '../../xml/safe-xml.ts';
import { ScormPackageError } from './errors.ts';

/**
 * The namespaces a manifest uses, by what they mean rather than by the prefix the author chose:
 * `xmlns:foo="http://www.imsglobal.org/xsd/imsss"` makes `foo:sequencing` an imsss element.
 */
export type Namespace = 'cp' | 'adlcp' | 'imsss' | 'adlseq' | 'adlnav' | 'xml' | 'other';

/** A parsed element: names lowercased (SCORM 1.2 and 2004 spell `datafromlms` / `dataFromLMS`). */
export interface XmlElement {
  ns: Namespace;
  /** Local name, lowercased. */
  name: string;
  /** Attributes by lowercased local name, prefixed by the namespace when they have one (`adlcp:scormtype`). */
  attrs: Map<string, string>;
  children: XmlElement[];
  /** The element's own text (not its descendants'), references decoded. */
  text: string;
}

export interface XmlDocument {
  root: XmlElement;
  /** Every namespace URI declared anywhere: the SCORM edition shows in the adlcp one. */
  namespaceUris: string[];
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** Known namespaces by URI; matched loosely, as real manifests vary case and trailing slashes. */
function namespaceOfUri(uri: string): Namespace {
  const u = uri.trim().toLowerCase();
  if (u === XML_NAMESPACE) return 'xml';
  if (u.includes('adlnet.org/xsd/adlcp')) return 'adlcp';
  if (u.includes('adlnet.org/xsd/adlseq')) return 'adlseq';
  if (u.includes('adlnet.org/xsd/adlnav')) return 'adlnav';
  if (u.includes('imsglobal.org/xsd/imsss')) return 'imsss';
  if (u.includes('/xsd/imscp')) return 'cp';
  return 'other';
}

const CANONICAL_PREFIXES = new Set<Namespace>(['adlcp', 'imsss', 'adlseq', 'adlnav', 'xml']);

type Scope = Map<string, string>;

/** The namespace of a prefix ('' = default) in scope; an undeclared well-known prefix is taken at its word. */
function resolve(prefix: string, scope: Scope, isAttribute: boolean): Namespace {
  if (prefix === 'xml') return 'xml';
  const uri = scope.get(prefix);
  if (uri !== undefined) return namespaceOfUri(uri);
  if (prefix === '') return isAttribute ? 'other' : 'cp';
  return CANONICAL_PREFIXES.has(prefix as Namespace) ? (prefix as Namespace) : 'other';
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML's five predefined references and character references; nothing else exists without a DTD. */
export function decodeXmlReferences(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

function splitName(qname: string): [prefix: string, local: string] {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

// A DOCTYPE is refused before this parser runs; the five predefined references are decoded by
// decodeXmlReferences.
const parser = new XMLParser({
  ...SAFE_PARSER_OPTIONS,
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  cdataPropName: '#cdata',
});

type Ordered = Record<string, unknown>;

function build(node: Ordered, scope: Scope, uris: Set<string>): XmlElement | null {
  const tag = Object.keys(node).find((k) => k !== ':@');
  if (tag === undefined || tag.startsWith('#') || tag.startsWith('?')) return null;
  const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
  let inner = scope;
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (typeof value !== 'string') continue;
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (inner === scope) inner = new Map(scope);
      inner.set(name === 'xmlns' ? '' : name.slice(6), decodeXmlReferences(value));
      uris.add(decodeXmlReferences(value).trim());
    }
  }
  const [prefix, local] = splitName(tag);
  const attrs = new Map<string, string>();
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (typeof value !== 'string' || name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const [attrPrefix, attrLocal] = splitName(name);
    const ns = attrPrefix === '' ? null : resolve(attrPrefix, inner, true);
    attrs.set((ns ? `${ns}:` : '') + attrLocal.toLowerCase(), decodeXmlReferences(value));
  }
  const element: XmlElement = {
    ns: resolve(prefix, inner, false),
    name: local.toLowerCase(),
    attrs,
    children: [],
    text: '',
  };
  const content = node[tag];
  for (const child of Array.isArray(content) ? (content as Ordered[]) : []) {
    if (typeof child['#text'] === 'string') element.text += decodeXmlReferences(child['#text']);
    else if (Array.isArray(child['#cdata'])) {
      for (const part of child['#cdata'] as Ordered[]) {
        if (typeof part['#text'] === 'string') element.text += part['#text'];
      }
    } else {
      const built = build(child, inner, uris);
      if (built) element.children.push(built);
    }
  }
  return element;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Parses a manifest safely: a DOCTYPE or ENTITY declaration is refused before any parsing (the
 * way XXE and "billion laughs" attacks work), then the text must be well-formed (with the line
 * of the first error), then it becomes an element tree with namespaces resolved.
 */
export function parseXml(xml: string): XmlDocument {
  const declaration = entityDeclarationAt(xml);
  if (declaration >= 0) throw new ScormPackageError('doctype', { line: lineAt(xml, declaration) });
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new ScormPackageError('malformed-xml', { line, column: col, detail: msg });
  }
  const nodes = parser.parse(xml) as Ordered[];
  const uris = new Set<string>();
  for (const node of nodes) {
    const root = build(node, new Map(), uris);
    if (root) return { root, namespaceUris: [...uris] };
  }
  throw new ScormPackageError('malformed-xml', { line: 1, column: 1, detail: 'no root element' });
}

/** Decodes the manifest's bytes: a BOM (UTF-8 or UTF-16) wins, then the declared encoding, else UTF-8. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  if (declared) {
    try {
      return new TextDecoder(declared.toLowerCase()).decode(bytes);
    } catch {
      // An encoding name TextDecoder does not know: UTF-8 is what such files nearly always are.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

// Small accessors: manifests are navigated by (namespace, name), never by prefix.

export function children(el: XmlElement | undefined, ns: Namespace, name: string): XmlElement[] {
  if (!el) return [];
  const lower = name.toLowerCase();
  return el.children.filter((c) => c.ns === ns && c.name === lower);
}

export function child(el: XmlElement | undefined, ns: Namespace, name: string): XmlElement | undefined {
  return children(el, ns, name)[0];
}

/** An attribute: `attr(el, 'identifier')`, `attr(el, 'adlcp:scormtype')`; case-insensitive. */
export function attr(el: XmlElement | undefined, name: string): string | undefined {
  return el?.attrs.get(name.toLowerCase());
}

/** The trimmed text of an element, undefined when the element is absent or empty. */
export function textOf(el: XmlElement | undefined): string | undefined {
  const text = el?.text.trim();
  return text ? text : undefined;
}
