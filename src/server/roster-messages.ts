import type { RosterFileError, RowProblem } from '../lib/cohorts/roster-csv.ts';
import type { Translate } from '../lib/i18n/translate.ts';

/** A roster row's problem in the reader's language. */
export function rowProblemText(t: Translate, problem: RowProblem): string {
  switch (problem.code) {
    case 'name.missing':
      return t('import.problem.nameMissing');
    case 'name.tooLong':
      return t('import.problem.nameTooLong');
    case 'email.missing':
      return t('import.problem.emailMissing');
    case 'email.invalid':
      return t('import.problem.emailInvalid', { value: problem.value });
    case 'email.duplicate':
      return t('import.problem.emailDuplicate', { line: problem.firstLine });
    case 'sector.unknown':
      return t('import.problem.sectorUnknown', { value: problem.value });
    case 'sector.missing':
      return t('import.problem.sectorMissing');
    case 'institution.unknown':
      return t('import.problem.institutionUnknown', { value: problem.value });
    case 'position.tooLong':
      return t('import.problem.positionTooLong');
  }
}

/** Why a whole roster file was refused, in the reader's language. */
export function rosterErrorText(t: Translate, error: RosterFileError): string {
  switch (error.code) {
    case 'file.empty':
      return t('import.error.empty');
    case 'file.tooManyRows':
      return t('import.error.tooManyRows', { max: error.max, found: error.found });
    case 'file.encoding':
      return t('import.error.encoding');
    case 'file.columnsMissing':
      return t('import.error.columnsMissing', { missing: error.missing.join(', ') });
    case 'file.tooLarge':
      return t('import.error.tooLarge', { max: Math.round(error.maxBytes / 1024 / 1024) });
  }
}
