import type { MessageKey } from './i18n/messages/lv.ts';

export type AppErrorCode =
  'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS';

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

/**
 * The one error type of the domain. It carries a message-catalogue key (so the user sees it
 * in their language), optional parameters for that message, and optionally the form field it
 * belongs to; pages and actions turn it into a response in one place.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly messageKey: MessageKey;
  readonly params: Record<string, string | number>;
  readonly field: string | undefined;

  constructor(
    code: AppErrorCode,
    messageKey: MessageKey,
    options: { params?: Record<string, string | number>; field?: string } = {},
  ) {
    super(messageKey);
    this.name = 'AppError';
    this.code = code;
    this.messageKey = messageKey;
    this.params = options.params ?? {};
    this.field = options.field;
  }

  get status(): number {
    return STATUS[this.code];
  }
}
