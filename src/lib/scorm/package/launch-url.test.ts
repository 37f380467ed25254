import { describe, expect, it } from 'vitest';
import { ScormPackageError } from './errors.ts';
import { appendParameters, formatUrl, launchFile, resolveLaunch, type PackageUrl } from './launch-url.ts';

function resolved(bases: (string | undefined)[], href: string): PackageUrl {
  const url = resolveLaunch(bases, href);
  if ('external' in url) throw new Error(`external: ${url.external}`);
  return url;
}

const launch = (href: string, parameters: string | null) => formatUrl(appendParameters(resolved([], href), parameters));

describe('resolveLaunch', () => {
  it('joins the xml:base offsets as folders', () => {
    expect(resolved(['a/', 'b', undefined, 'c/'], 'd.html')).toEqual({ path: 'a/b/c/d.html', query: '', fragment: '' });
  });

  it('splits the query and the fragment of the href', () => {
    expect(resolved([], 'x/y.html?a=1#b')).toEqual({ path: 'x/y.html', query: '?a=1', fragment: '#b' });
  });

  it('treats backslashes as slashes, as browsers do', () => {
    expect(resolved(['content\\'], 'pages\\index.html').path).toBe('content/pages/index.html');
  });

  it('reports URLs with a scheme as external', () => {
    expect(resolveLaunch([], 'http://example.com/')).toEqual({ external: 'http://example.com/' });
    expect(resolveLaunch(['https://cdn.example.com/'], 'x.html')).toEqual({ external: 'https://cdn.example.com/' });
    expect(resolveLaunch([], 'javascript:alert(1)')).toEqual({ external: 'javascript:alert(1)' });
  });

  it('refuses escapes', () => {
    for (const [bases, href] of [
      [[], '../x'],
      [['a/'], '../../x'],
      [['/abs/'], 'x'],
      [[], 'C:\\x'],
      [[], '%2E%2E/x'],
      [[], 'a%5C..%5C..%5Cx'],
    ] as const) {
      expect(() => resolveLaunch(bases, href), href).toThrow(ScormPackageError);
    }
  });

  it('gives the file to check: the path decoded', () => {
    expect(launchFile(resolved([], 'my%20dir/%C4%81.html?q=%20'))).toBe('my dir/ā.html');
  });
});

describe('appendParameters (CAM rules)', () => {
  it('starts a query, or continues one with &', () => {
    expect(launch('a.html', '?x=1')).toBe('a.html?x=1');
    expect(launch('a.html', 'x=1')).toBe('a.html?x=1');
    expect(launch('a.html?y=2', '?x=1')).toBe('a.html?y=2&x=1');
    expect(launch('a.html?y=2', '&x=1')).toBe('a.html?y=2&x=1');
  });

  it('puts the query before a fragment and keeps fragments', () => {
    expect(launch('a.html#top', '?x=1')).toBe('a.html?x=1#top');
    expect(launch('a.html', '#part')).toBe('a.html#part');
    expect(launch('a.html#top', '#part')).toBe('a.html#top');
    expect(launch('a.html', '?x=1#part')).toBe('a.html?x=1#part');
  });

  it('changes nothing for empty parameters', () => {
    expect(launch('a.html?y=2', null)).toBe('a.html?y=2');
    expect(launch('a.html', ' ? ')).toBe('a.html');
  });
});
