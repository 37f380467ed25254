import type { Message } from './lv.ts';

/** Latvian messages of the survey pages (spread into the main catalogue). */
export const surveyLv = {
  'survey.nav': 'Aptaujas',

  'survey.scale.1': 'Pilnīgi nepiekrītu',
  'survey.scale.2': 'Nepiekrītu',
  'survey.scale.3': 'Ne piekrītu, ne nepiekrītu',
  'survey.scale.4': 'Piekrītu',
  'survey.scale.5': 'Pilnīgi piekrītu',
  'survey.scaleHint':
    'Novērtējiet katru apgalvojumu skalā no 1 (pilnīgi nepiekrītu) līdz 5 (pilnīgi piekrītu). Jāatbild uz visiem apgalvojumiem.',
  'survey.privacy':
    'Pasniedzēji jūsu atbildes redz tikai apkopotā veidā, bez jūsu vārda; projekta administratori tās izmanto fonda atskaitēm. Atbildēt var vienu reizi.',
  'survey.commentHint':
    'Nav obligāts, līdz {max} rakstzīmēm. Lūdzu, nenorādiet cilvēku vārdus vai citus personas datus.',
  'survey.submit': 'Iesniegt atbildes',
  'survey.answered': 'Paldies! Aptauja aizpildīta. Datums: {date}.',
  'survey.continue': 'Turpināt: {title}',
  'survey.notInVersion': 'Jūsu kursa versijā šīs aptaujas nav — nekas nav jādara.',

  'survey.error.itemMissing': 'izvēlieties vienu atbildi no 1 līdz 5',
  'survey.error.itemNamed': '{number}. apgalvojums “{statement}”: {problem}.',
  'survey.error.incomplete': 'Lūdzu, atbildiet uz visiem apgalvojumiem.',
  'survey.error.value': 'Atbildei jābūt veselam skaitlim no 1 līdz 5.',
  'survey.error.unknownItem': 'Atbilde uz apgalvojumu, kura šajā aptaujā nav. Lūdzu, atveriet aptauju no jauna.',
  'survey.error.commentTooLong': 'Komentārs ir par garu: ne vairāk kā 2000 rakstzīmes.',
  'survey.error.noComment': 'Šajā aptaujā komentārs netiek prasīts.',
  'survey.error.notSurvey': 'Šī aktivitāte nav aptauja.',
  'survey.error.notFound': 'Šī aptauja jūsu kursa versijā nav atrasta.',
  'survey.error.alreadyAnswered': 'Jūs uz šo aptauju jau atbildējāt. Atbildes var iesniegt tikai vienu reizi.',

  'survey.results.title': 'Kursu aptaujas',
  'survey.results.leadAdmin':
    'Kursu noslēguma aptauju apkopotie rezultāti. Pasniedzēji redz tikai savu grupu rezultātus un tikai tad, ja atbildējuši vismaz {min} dalībnieki; jūs kā administrators redzat visu.',
  'survey.results.leadTrainer':
    'Jūsu mācību grupu noslēguma aptauju apkopotie rezultāti, bez vārdiem. Ja grupā atbildējuši mazāk nekā {min} dalībnieki, sadalījums un komentāri netiek rādīti.',
  'survey.results.choose': 'Izvēlēties kursu un grupu',
  'survey.results.course': 'Kurss',
  'survey.results.cohort': 'Mācību grupa',
  'survey.results.allLearners': 'Visi kursa dalībnieki',
  'survey.results.show': 'Rādīt',
  'survey.results.noCohorts': 'Jums vēl nav nevienas mācību grupas, tāpēc nav aptauju rezultātu, ko rādīt.',
  'survey.results.badQuery': 'Nederīga izvēle. Lūdzu, izvēlieties kursu vai grupu no saraksta.',
  'survey.results.noSurveys': 'Šim kursam nav aptauju.',
  'survey.results.responses': { one: '{count} atbilde', other: '{count} atbildes' },
  'survey.results.tooFew': 'Atbilžu ir par maz (mazāk nekā {min}), lai tās parādītu, neatklājot, kurš ko atbildēja.',
  'survey.results.revealed':
    'Atbilžu ir mazāk nekā {min}: tās redzat tikai jūs kā administrators, pasniedzējiem tās netiek rādītas.',
  'survey.results.table': 'Atbilžu sadalījums: {title}',
  'survey.results.statement': 'Apgalvojums',
  'survey.results.mean': 'Vidēji (1–5)',
  'survey.results.agree': 'Piekrīt (4–5)',
  'survey.results.comments': 'Komentāri',
  'survey.results.noComments': 'Komentāru nav.',
  'survey.results.commentsOrder': 'Komentāri sakārtoti alfabētiski, bez vārdiem un datumiem.',
  'survey.results.downloadResponses': 'Lejupielādēt atbildes ar dalībniekiem (CSV, bez komentāriem)',
  'survey.results.downloadComments': 'Lejupielādēt komentārus (CSV, bez vārdiem)',

  'survey.csv.participant': 'Dalībnieka ID',
  'survey.csv.name': 'Vārds, uzvārds',
  'survey.csv.email': 'E-pasts',
  'survey.csv.course': 'Kurss',
  'survey.csv.survey': 'Aptauja',
  'survey.csv.submitted': 'Iesniegts',
  'survey.csv.comment': 'Komentārs',
} satisfies Record<string, Message>;

/** English: the same keys. */
export const surveyEn: Record<keyof typeof surveyLv, Message> = {
  'survey.nav': 'Surveys',

  'survey.scale.1': 'Strongly disagree',
  'survey.scale.2': 'Disagree',
  'survey.scale.3': 'Neither agree nor disagree',
  'survey.scale.4': 'Agree',
  'survey.scale.5': 'Strongly agree',
  'survey.scaleHint':
    'Rate each statement on a scale from 1 (strongly disagree) to 5 (strongly agree). Please answer every statement.',
  'survey.privacy':
    'Trainers see your answers only in aggregate, without your name; the project’s administrators use them for the fund’s reports. You can answer once.',
  'survey.commentHint': 'Optional, up to {max} characters. Please do not write names or other personal data.',
  'survey.submit': 'Submit answers',
  'survey.answered': 'Thank you! You answered the survey. Date: {date}.',
  'survey.continue': 'Continue: {title}',
  'survey.notInVersion': 'This survey is not part of your version of the course — there is nothing to do.',

  'survey.error.itemMissing': 'choose one answer from 1 to 5',
  'survey.error.itemNamed': 'Statement {number} “{statement}”: {problem}.',
  'survey.error.incomplete': 'Please answer every statement.',
  'survey.error.value': 'An answer must be a whole number from 1 to 5.',
  'survey.error.unknownItem': 'An answer to a statement this survey does not have. Please open the survey again.',
  'survey.error.commentTooLong': 'The comment is too long: 2000 characters at most.',
  'survey.error.noComment': 'This survey does not ask for a comment.',
  'survey.error.notSurvey': 'This activity is not a survey.',
  'survey.error.notFound': 'This survey was not found in your version of the course.',
  'survey.error.alreadyAnswered': 'You have already answered this survey. Answers can be submitted only once.',

  'survey.results.title': 'Course surveys',
  'survey.results.leadAdmin':
    'The end-of-course surveys in aggregate. Trainers see only their own groups, and only when at least {min} participants answered; as an admin you see everything.',
  'survey.results.leadTrainer':
    'The end-of-course surveys of your groups in aggregate, without names. Where fewer than {min} participants of a group answered, the distribution and comments are not shown.',
  'survey.results.choose': 'Choose a course and group',
  'survey.results.course': 'Course',
  'survey.results.cohort': 'Group',
  'survey.results.allLearners': 'All learners of the course',
  'survey.results.show': 'Show',
  'survey.results.noCohorts': 'You have no groups yet, so there are no survey results to show.',
  'survey.results.badQuery': 'Invalid choice. Please choose a course or group from the list.',
  'survey.results.noSurveys': 'This course has no surveys.',
  'survey.results.responses': { one: '{count} response', other: '{count} responses' },
  'survey.results.tooFew': 'Too few answers (fewer than {min}) to show without identifying anyone.',
  'survey.results.revealed': 'Fewer than {min} answers: only you as an admin see them; trainers are not shown them.',
  'survey.results.table': 'Distribution of answers: {title}',
  'survey.results.statement': 'Statement',
  'survey.results.mean': 'Mean (1–5)',
  'survey.results.agree': 'Agree (4–5)',
  'survey.results.comments': 'Comments',
  'survey.results.noComments': 'No comments.',
  'survey.results.commentsOrder': 'Comments in alphabetical order, without names or dates.',
  'survey.results.downloadResponses': 'Download the responses with participants (CSV, without comments)',
  'survey.results.downloadComments': 'Download the comments (CSV, without names)',

  'survey.csv.participant': 'Participant ID',
  'survey.csv.name': 'Name',
  'survey.csv.email': 'E-mail',
  'survey.csv.course': 'Course',
  'survey.csv.survey': 'Survey',
  'survey.csv.submitted': 'Submitted',
  'survey.csv.comment': 'Comment',
};
