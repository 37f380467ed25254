import { describe, expect, it } from 'vitest';
import { scormImportEn, scormImportLv } from '../../i18n/messages/scorm-import.ts';
import { rejectMessageKey, SCORM_REJECT_CODES, ScormPackageError } from './errors.ts';

const placeholders = (text: unknown) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('refusal messages', () => {
  it('has a Latvian and an English message for every code, with the same placeholders', () => {
    for (const code of SCORM_REJECT_CODES) {
      const key = rejectMessageKey(code, {});
      expect(scormImportLv[key], key).toBeTypeOf('string');
      expect(placeholders(scormImportEn[key]), key).toEqual(placeholders(scormImportLv[key]));
    }
    expect(Object.keys(scormImportEn).sort()).toEqual(Object.keys(scormImportLv).sort());
  });

  it('has no message without a code (besides the manifest-in-a-folder variant)', () => {
    const keys = SCORM_REJECT_CODES.map((c) => `scorm.reject.${c}`);
    expect(Object.keys(scormImportLv).filter((k) => !keys.includes(k))).toEqual(['scorm.reject.no-manifest.folder']);
  });

  it('writes an English message for logs with the parameters filled in', () => {
    const error = new ScormPackageError('launch-missing', { item: 'intro', path: 'index.html' });
    expect(error.message).toBe('The launch file of the item intro, index.html, is not in the package.');
    expect(error.messageKey).toBe('scorm.reject.launch-missing');
    expect(new ScormPackageError('malformed-xml', { line: 3, column: 1, detail: 'Unclosed tag' }).message).toContain(
      '(Unclosed tag)',
    );
  });
});
