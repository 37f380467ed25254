import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { questionSchema, type Question } from '../schema.ts';
import { DOCTYPE_REFUSED, parseMoodleXml } from './moodle-xml.ts';
import { ImportError, ONE_LANGUAGE, type ImportedQuestion, type RefusedQuestion } from './report.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../tests/fixtures/quiz/${name}`, import.meta.url), 'utf8');

const bi = (lv: string, en: string) => `{mlang lv}${lv}{mlang}{mlang en}${en}{mlang}`;
const t = (lv: string, en: string) => ({ lv, en });

const quiz = (...questions: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${questions.join('\n')}\n</quiz>\n`;
const question = (type: string, inner = '', name = 'Q') =>
  `<question type="${type}"><name><text>${name}</text></name>` +
  `<questiontext format="html"><text><![CDATA[<p>${bi('Jautājums?', 'Question?')}</p>]]></text></questiontext>${inner}</question>`;
const answer = (fraction: number, text: string, feedback = '') =>
  `<answer fraction="${fraction}" format="html"><text><![CDATA[${text}]]></text>` +
  `<feedback format="html"><text><![CDATA[${feedback}]]></text></feedback></answer>`;

function only(xml: string): ImportedQuestion | RefusedQuestion {
  const report = parseMoodleXml(xml);
  expect(report.items).toHaveLength(1);
  return report.items[0] as ImportedQuestion | RefusedQuestion;
}
function imported(xml: string): ImportedQuestion {
  const item = only(xml);
  if (item.status !== 'imported') throw new Error(`refused: ${item.reason}`);
  return item;
}
function refused(xml: string): RefusedQuestion {
  const item = only(xml);
  if (item.status !== 'refused') throw new Error(`imported: ${JSON.stringify(item.question)}`);
  return item;
}
function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('no ImportError thrown');
}

describe('parseMoodleXml on the sample file', () => {
  const report = parseMoodleXml(fixture('sample.xml'));
  const byId = (id: string): Question | undefined => report.questions.find((q) => q.id === id);

  it('lists every question in file order with its line, refusing unsupported types by name', () => {
    expect(report.format).toBe('moodle-xml');
    expect(
      report.items.map((i) => [i.line, i.name, i.status, i.status === 'imported' ? i.question.type : i.type]),
    ).toEqual([
      [19, 'Tulka loma', 'imported', 'single'],
      [73, 'Vienkāršas valodas paņēmieni', 'imported', 'multiple'],
      [121, 'Bērns kā tulks', 'imported', 'true-false'],
      [150, 'Tulka apzīmējums', 'imported', 'short'],
      [186, 'Laika plānošana', 'imported', 'numeric'],
      [227, 'Konteksta piemēri', 'imported', 'matching'],
      [278, 'Saruna ar tulku', 'imported', 'ordering'],
      [323, 'Pārdomas', 'refused', 'essay'],
      [351, 'Ievads', 'refused', 'description'],
      [369, 'Vēstules teikums (Cloze)', 'refused', 'multianswer'],
      [386, 'Tulka izmaksas', 'refused', 'calculatedsimple'],
      [401, 'Vilkt vārdus', 'refused', 'ddwtos'],
      [416, 'Nejaušs jautājums', 'refused', 'random'],
      [421, 'STACK uzdevums', 'refused', 'stack'],
    ]);
    expect(report.items.at(-1)).toMatchObject({ reason: 'question type "stack" is not supported' });
  });

  it('returns exactly the imported questions, each valid by the schema, in the categories set before them', () => {
    expect(report.questions).toEqual(report.items.flatMap((i) => (i.status === 'imported' ? [i.question] : [])));
    for (const q of report.questions) expect(questionSchema.safeParse(q).success).toBe(true);
    expect(report.questions.map((q) => q.category)).toEqual([
      ...Array<string>(5).fill('darbs-ar-tulku'),
      'augsta-un-zema-konteksta-kulturas',
      'augsta-un-zema-konteksta-kulturas',
    ]);
  });

  it('multichoice single: spans in CDATA, defaultgrade → points, feedback per answer and general', () => {
    expect(byId('tulka-loma')).toEqual({
      id: 'tulka-loma',
      category: 'darbs-ar-tulku',
      type: 'single',
      points: 2,
      text: t(
        'Kāda ir tulka galvenā loma sarunā ar klientu?',
        'What is the main role of an interpreter in a conversation with a client?',
      ),
      feedback: t(
        'Runājiet ar klientu, nevis ar tulku, un veidojiet īsus teikumus.',
        'Speak to the client, not to the interpreter, and keep your sentences short.',
      ),
      options: [
        {
          id: 'a',
          correct: true,
          text: t('Precīzi nodot teikto abos virzienos', 'To convey accurately what is said in both directions'),
          feedback: t('Pareizi: tulks ir neitrāls starpnieks.', 'Correct: the interpreter is a neutral go-between.'),
        },
        {
          id: 'b',
          correct: false,
          text: t('Aizstāvēt klienta intereses', "To stand up for the client's interests"),
          feedback: t('Nē — tā ir advokāta loma.', "No — that is a lawyer's role."),
        },
        { id: 'c', correct: false, text: t('Īsi pārstāstīt sarunas būtību', 'To sum up the gist of the conversation') },
      ],
    });
  });

  it('multichoice multiple: spans escaped as text, fraction > 0 is right, entities decoded', () => {
    expect(byId('vienkarsas-valodas-panemieni')).toEqual({
      id: 'vienkarsas-valodas-panemieni',
      category: 'darbs-ar-tulku',
      type: 'multiple',
      points: 1,
      text: t(
        'Kuri paņēmieni padara iestādes vēstuli vieglāk saprotamu?',
        'Which techniques make a letter from an institution easier to understand?',
      ),
      options: [
        { id: 'a', correct: true, text: t('Īsi teikumi, katrā viena doma', 'Short sentences with one idea each') },
        { id: 'b', correct: true, text: t('Vārdi “jūs” un “mēs” vietā, kur tie der', '“You” and “we” where they fit') },
        {
          id: 'c',
          correct: false,
          text: t('Juridiski termini & saīsinājumi bez skaidrojuma', 'Legal terms & abbreviations without explanation'),
          feedback: t('Tie apgrūtina saprašanu.', 'They make a letter harder to understand.'),
        },
      ],
    });
    expect(report.items[1]).toMatchObject({
      notes: [
        "Moodle's feedback for a right, partly right or wrong response dropped: Tilts shows the general feedback",
      ],
    });
  });

  it('truefalse: the answer with fraction 100, feedback by answer (spans escaped inside CDATA too)', () => {
    expect(byId('berns-ka-tulks')).toEqual({
      id: 'berns-ka-tulks',
      category: 'darbs-ar-tulku',
      type: 'true-false',
      points: 1,
      answer: false,
      text: t(
        'Ja klienta bērns labi runā latviski, viņu droši var lūgt tulkot ārsta vizītē.',
        "If the client's child speaks Latvian well, the child can safely be asked to interpret at a doctor's appointment.",
      ),
      feedbackTrue: t(
        'Nē: bērns nav neitrāls un var nezināt terminus.',
        'No: a child is not neutral and may not know the terms.',
      ),
      feedbackFalse: t('Pareizi: aiciniet profesionālu tulku.', 'Correct: call a professional interpreter.'),
    });
  });

  it('shortanswer: 100 % answers accepted per language; usecase and the 0 % answer are noted', () => {
    expect(byId('tulka-apzimejums')).toMatchObject({
      type: 'short',
      accepted: { lv: ['tulks', 'mutvārdu tulks'], en: ['interpreter', 'oral interpreter'] },
      ignoreDiacritics: false,
    });
    expect(report.items[3]).toMatchObject({
      notes: [
        'Moodle compared letter case (usecase); Tilts always ignores case',
        'answer "tulkotājs / translator" (0 %, feedback for a wrong answer) dropped',
      ],
    });
  });

  it('numerical: answer, tolerance and the base unit', () => {
    expect(byId('laika-planosana')).toMatchObject({
      type: 'numeric',
      answer: 30,
      tolerance: 5,
      unit: t('min', 'min'),
      text: { lv: expect.stringContaining('ja bez tulka tā ilgtu 15 minūtes?') as string },
    });
  });

  it('matching: subquestions become pairs, the one without text a distractor', () => {
    expect(byId('konteksta-piemeri')).toEqual({
      id: 'konteksta-piemeri',
      category: 'augsta-un-zema-konteksta-kulturas',
      type: 'matching',
      points: 3,
      text: t(
        'Savienojiet izteikumu ar to, ko tas augsta konteksta saziņā visticamāk nozīmē.',
        'Match each remark with what it most likely means in high-context communication.',
      ),
      pairs: [
        {
          id: 'a',
          prompt: t('“Tas varētu būt grūti.”', '“That may be difficult.”'),
          answer: t('Pieklājīgs “nē”', 'A polite “no”'),
        },
        {
          id: 'b',
          prompt: t('“Mēs par to vēl padomāsim.”', '“We will think about it.”'),
          answer: t('Vajag laiku vai apspriešanos', 'Time or consultation is needed'),
        },
        {
          id: 'c',
          prompt: t('Ilgs klusums pēc jautājuma', 'A long silence after a question'),
          answer: t('Pārdomas vai neērtības sajūta', 'Reflection or discomfort'),
        },
      ],
      distractors: [{ id: 'd', text: t('Skaidra piekrišana', 'Clear agreement') }],
    });
  });

  it('ordering: items sorted by their position (fraction), not by document order', () => {
    const q = byId('saruna-ar-tulku');
    expect(q?.type === 'ordering' && q.items.map((i) => [i.id, i.text.en])).toEqual([
      ['a', 'Brief the interpreter on the topic before the conversation'],
      ['b', "Introduce the interpreter to the client and explain the interpreter's role"],
      ['c', 'Speak in short segments and look at the client'],
      ['d', 'At the end, check that the client understood everything'],
    ]);
    expect(q?.feedback).toEqual(
      t('Sagatavošanās ietaupa laiku pašā sarunā.', 'Preparing saves time in the conversation itself.'),
    );
  });
});

describe('parseMoodleXml refuses whole files', () => {
  it.each([['xxe.xml'], ['billion-laughs.xml']])('%s: a DOCTYPE is refused before any parsing', (file) => {
    const error = importError(() => parseMoodleXml(fixture(file)));
    expect(error.message).toBe(DOCTYPE_REFUSED);
    expect(error.message).toBe(
      'the file declares a DOCTYPE or entities, which Tilts never processes (XXE / entity expansion)',
    );
    expect(error.line).toBe(2);
  });

  it.each([
    ['lower-case doctype', '<!doctype quiz>\n<quiz></quiz>'],
    ['an entity without a doctype', '<quiz>\n<!ENTITY x "y">\n</quiz>'],
    ['a doctype after a comment', '<!-- export -->\n<!DOCTYPE quiz SYSTEM "http://example.org/quiz.dtd">\n<quiz/>'],
  ])('%s is refused too', (_, xml) => {
    expect(importError(() => parseMoodleXml(xml)).message).toBe(DOCTYPE_REFUSED);
  });

  it('malformed XML: the validator line and message', () => {
    const error = importError(() => parseMoodleXml(fixture('broken.xml')));
    expect(error.message).toBe(
      "not well-formed XML (line 12, column 5): Expected closing tag 'answer' (opened in line 10, col 5) instead of closing tag 'answers'.",
    );
    expect(error.line).toBe(12);
  });

  it.each([
    [
      'a cut-off file',
      '<quiz>\n<question type="truefalse">',
      /^not well-formed XML \(line 1, column 1\): the file ends with <quiz>, <question> still open/,
    ],
    [
      'a bare ampersand',
      '<quiz>\n<question>A & B</question></quiz>',
      /^not well-formed XML \(line 2, column 13\): char '&' is not expected/,
    ],
    ['another root element', '<questions><question type="truefalse"/></questions>', /^not a Moodle XML question file/],
    ['more than 5 MB', `<quiz>${' '.repeat(5 * 1024 * 1024)}</quiz>`, /larger than 5 MB/],
  ])('%s', (_, xml, message) => {
    expect(importError(() => parseMoodleXml(xml)).message).toMatch(message);
  });

  it('an empty quiz is an empty report', () => {
    expect(parseMoodleXml(quiz())).toEqual({ format: 'moodle-xml', items: [], questions: [] });
  });
});

describe('parseMoodleXml question by question', () => {
  it.each([
    ['essay', 'essay questions need a human grader: not supported'],
    ['description', 'a description asks nothing: not supported; put such text in a lesson'],
    [
      'calculated',
      'calculated questions draw random values from datasets: not supported; write a numeric question with fixed values',
    ],
    [
      'calculatedsimple',
      'calculated questions draw random values from datasets: not supported; write a numeric question with fixed values',
    ],
    [
      'calculatedmulti',
      'calculated questions draw random values from datasets: not supported; write a single-choice question with fixed values',
    ],
    [
      'ddwtos',
      'drag-and-drop into text is not supported; write a single-choice question (or a missing-word one) per gap',
    ],
    ['gapselect', 'select-missing-words questions are not supported; write a single-choice question per gap'],
    ['ddimageortext', 'drag-and-drop onto an image is not supported'],
    ['ddmarker', 'drag-and-drop markers on an image are not supported'],
    [
      'multianswer',
      'embedded answers (Cloze) put several questions in one text: not supported; split it into separate questions',
    ],
    [
      'randomsamatch',
      'random short-answer matching is assembled from other questions at quiz time: not supported; write a matching question',
    ],
    [
      'random',
      'a random question is a quiz slot, not a question: not supported; Tilts quizzes draw questions from categories (quizzes.yaml)',
    ],
    ['coderunner', 'question type "coderunner" is not supported'],
  ])('refuses %s by name', (type, reason) => {
    expect(refused(quiz(question(type, '', 'Nosaukums')))).toEqual({
      line: 3,
      name: 'Nosaukums',
      status: 'refused',
      type,
      reason,
    });
  });

  it.each([
    [
      'two fully right answers in a one-answer question',
      question('multichoice', `<single>true</single>${answer(100, bi('a', 'a'))}${answer(100, bi('b', 'b'))}`),
      'options a, b are all fully right in a one-answer question; Tilts single choice has exactly one right option (for "choose all that apply", give the right options partial weights such as ~%50%)',
    ],
    [
      'no right answer',
      question('multichoice', `<single>true</single>${answer(50, bi('a', 'a'))}${answer(0, bi('b', 'b'))}`),
      'no correct answer: no option is fully right (= in GIFT, fraction 100 in Moodle XML)',
    ],
    [
      'option feedback in one language',
      question(
        'multichoice',
        `<single>false</single>${answer(100, bi('a', 'a'))}${answer(0, bi('b', 'b'), 'Nepareizi')}`,
      ),
      `${ONE_LANGUAGE} — the feedback of option b is written without language parts`,
    ],
    [
      'a question text in one language',
      `<question type="truefalse"><name><text>Q</text></name><questiontext format="html"><text>&lt;p&gt;&lt;span lang="lv" class="multilang"&gt;Jautājums?&lt;/span&gt;&lt;/p&gt;</text></questiontext>${answer(100, 'true')}${answer(0, 'false')}</question>`,
      `${ONE_LANGUAGE} — the question text has no English`,
    ],
    [
      'true/false without "false"',
      question('truefalse', answer(100, 'true')),
      'a true/false question needs the answers "true" and "false"',
    ],
    [
      'a numerical answer that is not a number',
      question('numerical', answer(100, 'trīsdesmit')),
      '"trīsdesmit" is not a number (Moodle writes numbers with a decimal point)',
    ],
    [
      'short answers that are all wildcards',
      question('shortanswer', answer(100, '*tulk*')),
      'no correct answer: no answer is fully right (100 %)',
    ],
    [
      'points of 0',
      question('truefalse', `<defaultgrade>0</defaultgrade>${answer(100, 'true')}${answer(0, 'false')}`),
      'points: Too small: expected number to be >0',
    ],
    [
      'a matching question with one pair',
      question(
        'matching',
        `<subquestion format="html"><text>${bi('a', 'a')}</text><answer><text>1</text></answer></subquestion>`,
      ),
      'pairs: Too small: expected array to have >=2 items',
    ],
  ])('refuses %s', (_, xml, reason) => {
    expect(refused(quiz(xml)).reason).toBe(reason);
  });

  it('one-answer with partial credit elsewhere: single, the partial credit noted', () => {
    const item = imported(
      quiz(
        question(
          'multichoice',
          `<single>1</single>${answer(100, bi('a', 'a'))}${answer(50, bi('b', 'b'))}${answer(-50, bi('c', 'c'))}`,
        ),
      ),
    );
    expect(item.question).toMatchObject({
      type: 'single',
      options: [{ correct: true }, { correct: false }, { correct: false }],
    });
    expect(item.notes).toEqual([
      'partial credit dropped: option b (50 %) now counts as wrong (Tilts single choice has one right option)',
    ]);
  });

  it('numerical: several answers, the fully right one kept, others noted', () => {
    const inner =
      `<answer fraction="100"><text>1991</text><tolerance>0.5</tolerance><feedback><text>${bi('Jā', 'Yes')}</text></feedback></answer>` +
      `<answer fraction="50"><text>1990</text><tolerance>0</tolerance></answer>` +
      `<answer fraction="0"><text>*</text><feedback><text>${bi('Nē', 'No')}</text></feedback></answer>` +
      `<units><unit><multiplier>1</multiplier><unit_name>${bi('gads', 'year')}</unit_name></unit><unit><multiplier>12</multiplier><unit_name>m</unit_name></unit></units>`;
    const item = imported(quiz(question('numerical', inner)));
    expect(item.question).toMatchObject({ type: 'numeric', answer: 1991, tolerance: 0.5, unit: t('gads', 'year') });
    expect(item.notes).toEqual([
      'only the base unit is kept: Tilts does not convert between units',
      'partial credit dropped for 1990 (50 %)',
      'feedback on the right number dropped: Tilts shows the general feedback',
    ]);
  });

  it('ordering: document order when positions are not distinct; a selection of items is noted', () => {
    const inner =
      '<selecttype>RANDOM</selecttype><gradingtype>RELATIVE_NEXT_EXCLUDE_LAST</gradingtype>' +
      answer(1, bi('Pirmais', 'First')) +
      answer(1, bi('Otrais', 'Second')) +
      answer(1, bi('Trešais', 'Third'));
    const item = imported(quiz(question('ordering', inner)));
    expect(item.question).toMatchObject({
      type: 'ordering',
      items: [
        { id: 'a', text: t('Pirmais', 'First') },
        { id: 'b', text: t('Otrais', 'Second') },
        { id: 'c', text: t('Trešais', 'Third') },
      ],
    });
    expect(item.notes).toEqual([
      'Moodle showed learners a selection of the items; Tilts shows all of them',
      'Moodle\'s grading "relative_next_exclude_last" replaced by Tilts\' credit per item in its right place',
    ]);
  });

  it('embedded images are noted, not imported', () => {
    const xml = quiz(
      `<question type="truefalse"><name><text>Attēls</text></name><questiontext format="html"><text><![CDATA[<p>${bi('Kas redzams?', 'What is shown?')}</p><p><img src="@@PLUGINFILE@@/rinda.png" alt=""></p>]]></text><file name="rinda.png" path="/" encoding="base64">iVBORw0KGgo=</file></questiontext>${answer(100, 'true')}${answer(0, 'false')}</question>`,
    );
    const item = imported(xml);
    expect(item.question.text).toEqual(t('Kas redzams?', 'What is shown?'));
    expect(item.notes).toEqual([
      'embedded files (images) are not imported: add them to the course folder',
      "the image in the question text is not imported: add it to the course folder and set the question's image",
    ]);
  });

  it('a multilang name gives the English id; repeated names are numbered', () => {
    const tf = (name: string) =>
      `<question type="truefalse"><name><text>${name}</text></name><questiontext><text>${bi('Jā?', 'Yes?')}</text></questiontext>${answer(100, 'true')}${answer(0, 'false')}</question>`;
    const report = parseMoodleXml(quiz(tf(bi('Klusums', 'Silence')), tf('Silence'), tf('')));
    expect(report.items.map((i) => [i.name, i.status === 'imported' && i.question.id])).toEqual([
      ['Silence', 'silence'],
      ['Silence', 'silence-2'],
      ['Yes?', 'yes'],
    ]);
  });

  it('text and CDATA in one element keep their order', () => {
    const xml = quiz(
      `<question type="truefalse"><name><text>Q</text></name><questiontext format="html"><text>{mlang lv}A<![CDATA[<b>B</b>]]>C{mlang}{mlang en}D<![CDATA[E]]>F{mlang}</text></questiontext>${answer(100, 'true')}${answer(0, 'false')}</question>`,
    );
    expect(imported(xml).question.text).toEqual(t('ABC', 'DEF'));
  });
});
