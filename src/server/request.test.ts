import { describe, expect, it } from 'vitest';
import { sessionCookieOptions } from '../lib/auth/session.ts';
import { safeReturnPath } from './request.ts';

describe('safeReturnPath', () => {
  it.each([
    ['/account', '/account', 'a same-site path is kept'],
    ['/admin/users?q=a', '/admin/users?q=a', 'with its query'],
    ['https://evil.example/', '/', 'an absolute URL is an open redirect'],
    ['//evil.example/', '/', 'a protocol-relative URL too'],
    ['/\\evil.example', '/', 'backslashes are treated as slashes by browsers'],
    [null, '/', 'nothing given'],
    ['/\t/evil.example', '/', 'browsers drop the tab and read //evil.example'],
    ['/\n/evil.example', '/', 'or a newline'],
    ['/kursi/ā', '/kursi/%C4%81', 'non-ASCII is percent-encoded for a valid Location header'],
  ])('%s → %s (%s)', (input, expected, _why) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});

describe('sessionCookieOptions', () => {
  const expires = new Date('2030-01-01');
  it('is HttpOnly and SameSite=Lax, Secure except on plain-http localhost', () => {
    expect(sessionCookieOptions(new URL('http://localhost:4321/'), expires)).toMatchObject({
      httpOnly: true,
      sameSite: 'lax',
      secure: false,
    });
    expect(sessionCookieOptions(new URL('https://tilts.example.lv/'), expires).secure).toBe(true);
    expect(sessionCookieOptions(new URL('http://tilts.example.lv/'), expires).secure).toBe(true);
  });
});
