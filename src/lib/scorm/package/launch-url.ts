import { ScormPackageError } from './errors.ts';

/** A launch location inside the package: the path (as written, still URL-encoded), query and fragment. */
export interface PackageUrl {
  /** Segments joined with `/`, no leading `/`, `.` and `..` resolved. */
  path: string;
  /** '' or starting with `?`. */
  query: string;
  /** '' or starting with `#`. */
  fragment: string;
}

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
const DRIVE = /^[a-zA-Z]:[\\/]/;

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // A stray `%` is a literal character in a file name.
  }
}

class ExternalUrl extends Error {
  readonly url: string;

  constructor(url: string) {
    super(url);
    this.url = url;
  }
}

function resolvePath(bases: readonly (string | undefined)[], href: string): PackageUrl {
  const written = [...bases.filter((b): b is string => !!b?.trim()), href].map((p) => p.trim().replace(/\\/g, '/'));
  const shown = written.join(' + ');
  const segments: string[] = [];
  let query = '';
  let fragment = '';
  written.forEach((part, index) => {
    let path = part;
    if (DRIVE.test(path) || path.startsWith('/')) throw new ScormPackageError('path-escape', { path: shown });
    if (SCHEME.test(path)) throw new ExternalUrl(part);
    if (index === written.length - 1) {
      const hash = path.indexOf('#');
      if (hash >= 0) [path, fragment] = [path.slice(0, hash), path.slice(hash)];
      const mark = path.indexOf('?');
      if (mark >= 0) [path, query] = [path.slice(0, mark), path.slice(mark)];
    }
    for (const segment of path.split('/')) {
      const decoded = decodeSegment(segment);
      if (decoded === '' || decoded === '.') continue;
      if (decoded === '..') {
        if (segments.length === 0) throw new ScormPackageError('path-escape', { path: shown });
        segments.pop();
      } else if (/[/\\\0]/.test(decoded)) {
        throw new ScormPackageError('path-escape', { path: shown });
      } else {
        segments.push(segment);
      }
    }
  });
  return { path: segments.join('/'), query: query === '?' ? '' : query, fragment };
}

/**
 * Resolves a resource's href under its `xml:base` values (manifest, resources, resource — outer
 * first). Every base is a path offset inside the package (a missing trailing slash is forgiven).
 * Backslashes count as slashes, as browsers treat them. Returns `{ external }` for a URL with a
 * scheme (content Tilts cannot serve); throws path-escape for an absolute path or a `..` that
 * leaves the package root — also when spelled `%2e%2e` or hidden as an encoded slash.
 */
export function resolveLaunch(bases: readonly (string | undefined)[], href: string): PackageUrl | { external: string } {
  try {
    return resolvePath(bases, href);
  } catch (error) {
    if (error instanceof ExternalUrl) return { external: error.url };
    throw error;
  }
}

/**
 * Appends an item's `parameters` by the CAM's rule: leading `?` and `&` are dropped; a lone
 * `#fragment` is used only when the URL has none; otherwise the parameters join the query with
 * `&` when it exists, else start it with `?` (before any fragment, where a query belongs).
 */
export function appendParameters(url: PackageUrl, parameters: string | null | undefined): PackageUrl {
  const p = (parameters ?? '').trim().replace(/^[?&]+/, '');
  if (p === '') return url;
  const hash = p.indexOf('#');
  const addQuery = hash < 0 ? p : p.slice(0, hash);
  const addFragment = hash < 0 ? '' : p.slice(hash);
  let { query, fragment } = url;
  if (addQuery !== '') query = query ? `${query}&${addQuery}` : `?${addQuery}`;
  if (addFragment !== '' && fragment === '') fragment = addFragment;
  return { path: url.path, query, fragment };
}

export function formatUrl(url: PackageUrl): string {
  return url.path + url.query + url.fragment;
}

/** The file a launch URL opens, as a package path: the path part, URL-decoded. */
export function launchFile(url: PackageUrl): string {
  return url.path.split('/').map(decodeSegment).join('/');
}
