import { scormImportEn, type scormImportLv } from '../../i18n/messages/scorm-import.ts';

/** Every reason a package is refused; each has the message `scorm.reject.<code>` in both languages. */
export const SCORM_REJECT_CODES = [
  'not-zip',
  'corrupt-zip',
  'no-manifest',
  'malformed-xml',
  'doctype',
  'not-a-manifest',
  'path-escape',
  'symlink',
  'too-many-files',
  'too-large',
  'file-too-large',
  'compression-ratio',
  'encrypted',
  'unsupported-compression',
  'duplicate-path',
  'unsupported-version',
  'invalid-manifest',
  'duplicate-identifier',
  'no-organisation',
  'default-organisation-missing',
  'resource-missing',
  'resource-no-href',
  'external-launch',
  'launch-missing',
  'empty-organisation',
  'invalid-sequencing',
  'import-failed',
] as const;

export type ScormRejectCode = (typeof SCORM_REJECT_CODES)[number];

export type ScormRejectMessageKey = keyof typeof scormImportLv;

/**
 * The message key for a refusal: `scorm.reject.<code>`, except a manifest found only in a
 * folder (no-manifest with `folder`), which has its own message telling the author what to zip.
 */
export function rejectMessageKey(
  code: ScormRejectCode,
  params: Record<string, string | number>,
): ScormRejectMessageKey {
  if (code === 'no-manifest' && params['folder'] !== undefined) return 'scorm.reject.no-manifest.folder';
  return `scorm.reject.${code}`;
}

function english(key: ScormRejectMessageKey, params: Record<string, string | number>): string {
  const template = scormImportEn[key];
  const text = typeof template === 'string' ? template : template.other;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/**
 * A package refused for a reason the uploader can act on. `code` and `params` are for the UI
 * (`t(error.messageKey, error.params)`) and the CLI's JSON; `message` is English, for logs.
 */
export class ScormPackageError extends Error {
  readonly code: ScormRejectCode;
  readonly params: Record<string, string | number>;
  readonly messageKey: ScormRejectMessageKey;

  constructor(code: ScormRejectCode, params: Record<string, string | number> = {}, options?: { cause?: unknown }) {
    const messageKey = rejectMessageKey(code, params);
    // The XML parser's own explanation is English and technical: for logs, not for the UI text.
    const detail = code === 'malformed-xml' && params['detail'] ? ` (${params['detail']})` : '';
    super(english(messageKey, params) + detail, options);
    this.name = 'ScormPackageError';
    this.code = code;
    this.params = params;
    this.messageKey = messageKey;
  }
}
