import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { questionSchema, type Question } from '../schema.ts';
import { parseGift } from './gift.ts';
import { ONE_LANGUAGE, type ImportedQuestion, type RefusedQuestion } from './report.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../tests/fixtures/quiz/${name}`, import.meta.url), 'utf8');

/** A bilingual text in the multilang2 syntax. */
const bi = (lv: string, en: string) => `{mlang lv}${lv}{mlang}{mlang en}${en}{mlang}`;
const t = (lv: string, en: string) => ({ lv, en });

/** The one item a snippet of GIFT makes. */
function only(gift: string): ImportedQuestion | RefusedQuestion {
  const report = parseGift(gift);
  expect(report.items).toHaveLength(1);
  return report.items[0] as ImportedQuestion | RefusedQuestion;
}
function imported(gift: string): ImportedQuestion {
  const item = only(gift);
  if (item.status !== 'imported') throw new Error(`refused: ${item.reason}`);
  return item;
}
function refused(gift: string): RefusedQuestion {
  const item = only(gift);
  if (item.status !== 'refused') throw new Error(`imported: ${JSON.stringify(item.question)}`);
  return item;
}

describe('parseGift on the sample file', () => {
  const report = parseGift(fixture('sample.gift'));
  const byId = (id: string): Question | undefined => report.questions.find((q) => q.id === id);

  it('lists every question in file order, imported or refused by name, with its line', () => {
    expect(report.format).toBe('gift');
    expect(
      report.items.map((i) => [i.line, i.name, i.status, i.status === 'imported' ? i.question.type : i.type]),
    ).toEqual([
      [7, 'Tulka loma', 'imported', 'single'],
      [15, 'Skatiens', 'imported', 'single'],
      [21, 'Bērns kā tulks', 'imported', 'true-false'],
      [23, 'Laika plānošana', 'imported', 'numeric'],
      [25, 'Tulka pieraksti: simboli', 'imported', 'single'],
      [32, 'Tulka apzīmējums', 'imported', 'short'],
      [38, 'Pārdomas', 'refused', 'essay'],
      [42, 'Ievads', 'refused', 'description'],
      [44, 'Zema konteksta saziņa', 'imported', 'single'],
      [50, 'Augsta konteksta kultūra', 'imported', 'true-false'],
      [52, 'Konteksta piemēri', 'imported', 'matching'],
      [61, 'Vienkāršas valodas paņēmieni', 'imported', 'multiple'],
      [67, 'Teikuma garums', 'imported', 'numeric'],
      [69, 'Vienkārša valoda piemērā', 'imported', 'single'],
      [75, 'Plain language also helps people whose first language is…', 'imported', 'true-false'],
    ]);
  });

  it('refuses essays and descriptions with their reasons', () => {
    const reasons = report.items.flatMap((i) => (i.status === 'refused' ? [i.reason] : []));
    expect(reasons).toEqual([
      'essay questions need a human grader: not supported',
      'a description (text without an answer block {…}) asks nothing: not supported; put such text in a lesson',
    ]);
  });

  it('returns exactly the imported questions, each valid by the schema', () => {
    const fromItems = report.items.flatMap((i) => (i.status === 'imported' ? [i.question] : []));
    expect(report.questions).toEqual(fromItems);
    expect(report.questions).toHaveLength(13);
    for (const q of report.questions) expect(questionSchema.safeParse(q).success).toBe(true);
  });

  it('takes the category from the last part of each $CATEGORY path', () => {
    expect([...new Set(report.questions.map((q) => q.category))]).toEqual([
      'darbs-ar-tulku',
      'augsta-un-zema-konteksta-kulturas',
      'vienkarsa-valoda',
    ]);
  });

  it('single choice: one = answer, per-answer and general feedback', () => {
    expect(byId('tulka-loma')).toEqual({
      id: 'tulka-loma',
      category: 'darbs-ar-tulku',
      type: 'single',
      points: 1,
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
          text: t(
            'Precīzi nodot teikto abos virzienos, neko nepievienojot un neizlaižot',
            'To convey accurately what is said in both directions, adding and leaving out nothing',
          ),
          feedback: t(
            'Pareizi: tulks ir neitrāls saziņas starpnieks.',
            'Correct: the interpreter is a neutral channel of communication.',
          ),
        },
        {
          id: 'b',
          correct: false,
          text: t('Aizstāvēt klienta intereses', "To stand up for the client's interests"),
          feedback: t(
            'Nē — tā ir advokāta vai sociālā darbinieka loma.',
            'No — that is the role of a lawyer or a social worker.',
          ),
        },
        {
          id: 'c',
          correct: false,
          text: t('Īsi pārstāstīt sarunas būtību', 'To sum up the gist of the conversation'),
        },
      ],
    });
  });

  it('missing word: "___" where the answer block stands, in both languages', () => {
    expect(byId('skatiens')).toMatchObject({
      type: 'single',
      text: t(
        'Runājot ar tulka starpniecību, skatieties uz ___, nevis uz tulku.',
        'When speaking through an interpreter, look at ___, not at the interpreter.',
      ),
      options: [
        { id: 'a', correct: true, text: t('klientu', 'the client') },
        { id: 'b', correct: false, text: t('dokumentiem', 'the documents') },
        { id: 'c', correct: false, text: t('kolēģi', 'a colleague') },
      ],
    });
  });

  it('true/false {F#wrong#right}: the first feedback goes to the wrong answer', () => {
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
        'Nē: bērns nav neitrāls, var nezināt terminus, un saruna viņu var traumēt.',
        'No: a child is not neutral, may not know the terms, and the conversation may harm the child.',
      ),
      feedbackFalse: t('Pareizi: aiciniet profesionālu tulku.', 'Correct: call a professional interpreter.'),
    });
    expect(byId('augsta-konteksta-kultura')).toMatchObject({ type: 'true-false', answer: true });
    expect(byId('augsta-konteksta-kultura')).not.toHaveProperty('feedbackTrue');
  });

  it.each([
    ['laika-planosana', 30, 5, '{#30:5}: answer and tolerance'],
    ['teikuma-garums', 17.5, 2.5, '{#15..20}: midpoint and half the width'],
  ])('numeric %s → %d ± %d (%s)', (id, answer, tolerance) => {
    expect(byId(id)).toMatchObject({ type: 'numeric', answer, tolerance });
    expect(byId(id)).not.toHaveProperty('unit');
  });

  it('escapes \\: \\~ \\= \\# \\{ \\} become the characters themselves', () => {
    expect(report.items[4]?.name).toBe('Tulka pieraksti: simboli');
    expect(byId('tulka-pieraksti-simboli')).toMatchObject({
      text: t(
        'Konsekutīvie tulki pierakstos lieto simbolus. Ko parasti nozīmē simbols ~?',
        'Consecutive interpreters use symbols in their notes. What does the symbol ~ usually mean?',
      ),
      feedback: t('Ar { } var apvienot vairākus uzskaitījuma punktus.', '{ } can group several items of a list.'),
      options: [
        { id: 'a', correct: true, text: t('aptuveni', 'approximately') },
        { id: 'b', correct: false, text: t('tieši vienāds (=)', 'exactly equal (=)') },
        { id: 'c', correct: false, text: t('numurs (#)', 'a number (#)') },
      ],
    });
  });

  it('short answer: each language accepts its own answers', () => {
    expect(byId('tulka-apzimejums')).toEqual({
      id: 'tulka-apzimejums',
      category: 'darbs-ar-tulku',
      type: 'short',
      points: 1,
      ignoreDiacritics: false,
      text: t(
        'Kā sauc cilvēku, kas runu mutvārdos pārceļ no vienas valodas citā?',
        'What do we call a person who renders speech orally from one language into another?',
      ),
      accepted: { lv: ['tulks', 'mutvārdu tulks'], en: ['interpreter', 'oral interpreter'] },
    });
  });

  it('[html] with multilang spans: markup stripped to plain text', () => {
    expect(byId('zema-konteksta-sazina')).toMatchObject({
      text: t('Kura iezīme raksturo zema konteksta saziņu?', 'Which feature is typical of low-context communication?'),
      options: [
        {
          id: 'a',
          correct: true,
          text: t('Svarīgais tiek pateikts tieši un skaidri', 'What matters is said directly and explicitly'),
        },
        { id: 'b', correct: false },
        { id: 'c', correct: false },
      ],
    });
  });

  it('matching: pairs in order, "= -> x" is a distractor', () => {
    expect(byId('konteksta-piemeri')).toEqual({
      id: 'konteksta-piemeri',
      category: 'augsta-un-zema-konteksta-kulturas',
      type: 'matching',
      points: 1,
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

  it('multiple response: options with a positive weight are the right ones', () => {
    const q = byId('vienkarsas-valodas-panemieni');
    expect(q).toMatchObject({ type: 'multiple' });
    expect(q?.type === 'multiple' && q.options.map((o) => [o.id, o.correct, o.feedback?.en])).toEqual([
      ['a', true, undefined],
      ['b', true, undefined],
      ['c', false, 'Unexplained terms make a letter harder to understand.'],
    ]);
  });

  it('[markdown]: emphasis removed', () => {
    expect(byId('vienkarsa-valoda-piemera')).toMatchObject({
      text: t('Kurš teikums ir rakstīts vienkāršā valodā?', 'Which sentence is written in plain language?'),
    });
  });

  it('a question without a title is named, and its id made, from the English text', () => {
    expect(byId('plain-language-also-helps-people-whose-first-language-is')).toMatchObject({
      type: 'true-false',
      answer: true,
      category: 'vienkarsa-valoda',
    });
  });
});

describe('parseGift on the broken file', () => {
  const report = parseGift(fixture('broken.gift'));

  it('refuses each broken question with its line and a specific reason, and imports the good one', () => {
    expect(report.items.map((i) => [i.line, i.name, i.status === 'refused' ? i.reason : 'imported'])).toEqual([
      [
        3,
        'Neaizvērta iekava',
        'unclosed brace: the "{" on line 3 has no closing "}" (a blank line ends a question, so an answer block cannot contain one)',
      ],
      [
        7,
        'Nav pareizās atbildes',
        'no correct answer: no option is marked right (= or a positive weight such as ~%50% in GIFT, a fraction above 0 in Moodle XML)',
      ],
      [12, 'Tikai latviski', `${ONE_LANGUAGE} — the question text is written without language parts`],
      [14, 'Atbilde vienā valodā', `${ONE_LANGUAGE} — option b has no English`],
      [
        19,
        'Aizmirsta tukšā rindiņa',
        'a second answer block on line 20: one question per paragraph, so a blank line is probably missing before it',
      ],
      [22, 'Nepabeigts nosaukums', 'the title opened with :: is not closed with :: (write a colon in a title as \\:)'],
      [24, 'Labs jautājums', 'imported'],
    ]);
    expect(report.questions.map((q) => q.id)).toEqual(['labs-jautajums']);
  });
});

describe('parseGift question by question', () => {
  const q = bi('Jautājums?', 'Question?');

  it.each([
    ['essay {}', `::E::${q}{}`, 'essay', 'essay questions need a human grader: not supported'],
    [
      'essay with only general feedback',
      `::E::${q}{####${bi('a', 'b')}}`,
      'essay',
      'essay questions need a human grader: not supported',
    ],
    ['stray "}"', `::S::${q} } {=a}`, undefined, '"}" on line 1 has no opening "{" (write a literal brace as \\})'],
    [
      'a "{" inside the answer block',
      `::N::${q}{\n=${bi('a', 'a')} {\n}`,
      undefined,
      '"{" on line 2 inside the answer block opened on line 1: close the block with "}" first, or write a literal brace as \\{',
    ],
    [
      'two "=" in a one-answer question',
      `::D::${q}{=${bi('a', 'a')} =${bi('b', 'b')} ~${bi('c', 'c')}}`,
      'multichoice',
      'options a, b are all fully right in a one-answer question; Tilts single choice has exactly one right option (for "choose all that apply", give the right options partial weights such as ~%50%)',
    ],
    [
      'text before the first answer',
      `::H::${q}{${bi('a', 'a')} ~${bi('b', 'b')} =${bi('c', 'c')}}`,
      'multichoice',
      `"${bi('a', 'a')}" comes before the first answer (each answer starts with ~ or =)`,
    ],
    [
      'a number that is not one',
      `::X::${q}{#pieci}`,
      'numerical',
      '"pieci" is not a number (write 5, 5:0.5 or 4..6, with a decimal point)',
    ],
    [
      'a range backwards',
      `::R::${q}{#6..4}`,
      'numerical',
      'the range 6..4 runs backwards: write the smaller number first',
    ],
    [
      'several right numbers',
      `::R::${q}{#=5 =6}`,
      'numerical',
      'several numbers are fully right (5, 6): Tilts numeric questions have one answer ± tolerance',
    ],
    [
      'a pair without ->',
      `::P::${q}{=${bi('a', 'a')} -> 1 =${bi('b', 'b')}}`,
      'matching',
      'pair 2 ("{mlang lv}b{mlang}{mlang en}b{mlang}") has no -> between prompt and answer',
    ],
    [
      'matching with one pair (the schema wants two)',
      `::P::${q}{=${bi('a', 'a')} -> 1}`,
      'matching',
      'pairs: Too small: expected array to have >=2 items',
    ],
    [
      'short answers only in Latvian',
      `::L::${q}{={mlang lv}tulks{mlang}}`,
      'shortanswer',
      `${ONE_LANGUAGE} — the accepted answers have no English`,
    ],
    [
      'feedback only in Latvian',
      `::F::${q}{T#{mlang lv}Nē{mlang}}`,
      'truefalse',
      `${ONE_LANGUAGE} — the feedback for "false" has no English`,
    ],
    [
      'an unclosed language',
      `::U::{mlang lv}Jautājums?{mlang en}Question?{mlang}{T}`,
      'truefalse',
      'the question text: {mlang lv} is not closed with {mlang} before {mlang en}',
    ],
    [
      'an option with an empty language part',
      `::O::${q}{=${bi('a', '')} ~${bi('b', 'b')}}`,
      'multichoice',
      `${ONE_LANGUAGE} — option a has no English`,
    ],
  ])('refuses %s', (_, gift, type, reason) => {
    const item = refused(gift);
    expect(item.reason).toBe(reason);
    expect(item.type).toBe(type);
    expect(item.line).toBe(1);
  });

  it('= with partial credit on another option: single choice, partial credit noted', () => {
    const item = imported(`::W::${q}{=${bi('a', 'a')} ~%50%${bi('b', 'b')} ~${bi('c', 'c')}}`);
    expect(item.question).toMatchObject({
      type: 'single',
      options: [{ correct: true }, { correct: false }, { correct: false }],
    });
    expect(item.notes).toEqual([
      'partial credit dropped: option b (50 %) now counts as wrong (Tilts single choice has one right option)',
    ]);
  });

  it('unequal weights: multiple response, the weights noted', () => {
    const item = imported(`::W::${q}{~%70%${bi('a', 'a')} ~%30%${bi('b', 'b')} ~%-50%${bi('c', 'c')}}`);
    expect(item.question).toMatchObject({
      type: 'multiple',
      options: [{ correct: true }, { correct: true }, { correct: false }],
    });
    expect(item.notes?.[0]).toMatch(/^unequal weights/);
  });

  it('numeric with several weighted answers keeps the fully right one', () => {
    const item = imported(`::N::${q}{#\n=1991:0#${bi('Jā', 'Yes')}\n=%50%1990:1\n~#${bi('Nē', 'No')}}`);
    expect(item.question).toMatchObject({ type: 'numeric', answer: 1991, tolerance: 0 });
    expect(item.notes).toEqual([
      'feedback for any other number (~#…) dropped',
      'partial credit dropped for 1990 (50 %)',
      'feedback on the right number dropped: Tilts shows the general feedback',
    ]);
  });

  it('a range midpoint has no binary noise', () => {
    expect(imported(`::N::${q}{#1.1..1.3}`).question).toMatchObject({ answer: 1.2, tolerance: 0.1 });
  });

  it('{T#wrong#right}: the second feedback goes to "true"', () => {
    expect(
      imported(`::T::${q}{TRUE#${bi('Nē', 'No')}#${bi('Jā', 'Yes')}####${bi('Vispār', 'General')}}`).question,
    ).toEqual({
      id: 't',
      category: 'imported',
      type: 'true-false',
      points: 1,
      answer: true,
      text: t('Jautājums?', 'Question?'),
      feedback: t('Vispār', 'General'),
      feedbackTrue: t('Jā', 'Yes'),
      feedbackFalse: t('Nē', 'No'),
    });
  });

  it('short answer: unmarked answers count in both languages, partial ones are noted and dropped', () => {
    const item = imported(`::S::${q}{=UNESCO =%50%Unesko =${bi('Apvienoto Nāciju', 'United Nations')}}`);
    expect(item.question).toMatchObject({
      type: 'short',
      accepted: { lv: ['UNESCO', 'Apvienoto Nāciju'], en: ['UNESCO', 'United Nations'] },
    });
    expect(item.notes).toEqual([
      'partial-credit answer "Unesko" (50 %) dropped: Tilts accepts an answer fully or not at all',
    ]);
  });

  it('matching answers that are numbers need no language parts', () => {
    const item = imported(`::Gadi::${q}{=${bi('Neatkarība', 'Independence')} -> 1918 =${bi('ES', 'EU')} -> 2004}`);
    expect(item.question).toMatchObject({
      pairs: [
        { id: 'a', prompt: t('Neatkarība', 'Independence'), answer: t('1918', '1918') },
        { id: 'b', prompt: t('ES', 'EU'), answer: t('2004', '2004') },
      ],
      distractors: [],
    });
  });

  it('multilang spans in answers need no escaping of their "="', () => {
    const span = (lang: string, s: string) => `<span lang="${lang}" class="multilang">${s}</span>`;
    const item = imported(
      `::Span::${q}{=${span('lv', 'Jā')}${span('en', 'Yes')} ~${span('lv', 'Nē')}${span('en', 'No')}}`,
    );
    expect(item.question).toMatchObject({ options: [{ text: t('Jā', 'Yes') }, { text: t('Nē', 'No') }] });
  });

  it('HTML entities are decoded, \\n is a line break, [plain] keeps markup as written', () => {
    expect(imported(`::E::[html]${bi('A &amp; B&nbsp;C', 'A &amp; B')}{T}`).question.text).toEqual(
      t('A & B C', 'A & B'),
    );
    expect(imported(`::N::${bi('Viens\\nDivi', 'One\\nTwo')}{T}`).question.text).toEqual(t('Viens\nDivi', 'One\nTwo'));
    expect(imported(`::P::[plain]${bi('a <b> c', 'a <b> c')}{T}`).question.text).toEqual(t('a <b> c', 'a <b> c'));
  });

  it('ids: Latvian letters transliterated, repeated names numbered, long names cut at 60', () => {
    const long = 'Ļoti gara nosaukuma daļa, kas turpinās un turpinās bez gala līdz pat beigām';
    const report = parseGift(
      [
        `::Ģimenes ārsts: ķēde::${q}{T}`,
        `::Ģimenes ārsts: ķēde::${q}{F}`,
        `::${long}::${q}{T}`,
        `::Ģimenes ārsts: ķēde::${q}{}`,
      ].join('\n\n'),
    );
    expect(report.questions.map((x) => x.id)).toEqual([
      'gimenes-arsts-kede',
      'gimenes-arsts-kede-2',
      'loti-gara-nosaukuma-dala-kas-turpinas-un-turpinas-bez-gala-l',
    ]);
    // A refused question keeps its place in the numbering, so fixing it later shifts no other id.
    expect(report.items[3]).toMatchObject({ status: 'refused', name: 'Ģimenes ārsts: ķēde' });
  });

  it('a numbered id never takes one that a later name spells out, nor the reverse', () => {
    const report = parseGift(['A', 'A 2', 'A', 'A', 'B', 'B', 'B 2'].map((name) => `::${name}::${q}{T}`).join('\n\n'));
    expect(report.questions.map((x) => x.id)).toEqual(['a', 'a-2', 'a-3', 'a-4', 'b', 'b-2', 'b-2-2']);
  });

  it('counts lines across comments, CRLF line ends and a byte-order mark', () => {
    const report = parseGift(
      `\uFEFF// komentārs\r\n\r\n// vēl viens\r\n::A::${q}{T}\r\n\r\n\r\n::B::${q}\r\n{\r\n=1 -> 2\r\n}`,
    );
    expect(report.items.map((i) => [i.line, i.name, i.status])).toEqual([
      [4, 'A', 'imported'],
      [7, 'B', 'refused'],
    ]);
  });

  it('a $CATEGORY without a usable name falls back to "imported"', () => {
    const report = parseGift(`$CATEGORY: $course$/top\n\n::A::${q}{T}\n\n$CATEGORY: Saziņa/Ne//jā\n::B::${q}{T}`);
    expect(report.questions.map((x) => x.category)).toEqual(['imported', 'ne-ja']);
  });
});
