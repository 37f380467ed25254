import type { Region, Sector } from '../../src/lib/reference/index.ts';

/**
 * Word lists of the synthetic data set of `seed --scale` (db/seed/scale.ts): Latvian names,
 * towns of the five planning regions, institution and venue name patterns, job titles, survey
 * comments and revocation reasons. Every person made from them is fictitious; institution names
 * follow the patterns of real Latvian employers (schools, police units, hospitals,
 * municipalities) but are assembled, and their registration numbers are made up.
 */

export const FEMALE_FIRST_NAMES = [
  'Anna',
  'Līga',
  'Inese',
  'Ilze',
  'Kristīne',
  'Dace',
  'Laura',
  'Sandra',
  'Ieva',
  'Inga',
  'Agnese',
  'Anita',
  'Evija',
  'Linda',
  'Jolanta',
  'Baiba',
  'Zane',
  'Marta',
  'Elīna',
  'Santa',
  'Ruta',
  'Gunta',
  'Daiga',
  'Aija',
  'Vita',
  'Iveta',
  'Signe',
  'Madara',
  'Sanita',
  'Ilona',
  'Solvita',
  'Dagnija',
  'Māra',
  'Zaiga',
  'Rasma',
  'Ināra',
  'Lāsma',
  'Diāna',
  'Elza',
  'Katrīna',
  'Alise',
  'Paula',
  'Beāte',
  'Egija',
  'Ginta',
  'Guna',
  'Ligita',
  'Skaidrīte',
  'Velta',
  'Vija',
  'Dzintra',
  'Ērika',
  'Kitija',
  'Sintija',
  'Rūta',
  'Austra',
  'Gundega',
  'Sarmīte',
  'Ance',
  'Līva',
] as const;

export const MALE_FIRST_NAMES = [
  'Jānis',
  'Andris',
  'Māris',
  'Juris',
  'Aivars',
  'Edgars',
  'Mārtiņš',
  'Kārlis',
  'Artūrs',
  'Raimonds',
  'Guntis',
  'Pēteris',
  'Roberts',
  'Valdis',
  'Ivars',
  'Uldis',
  'Aigars',
  'Gatis',
  'Ainārs',
  'Dainis',
  'Normunds',
  'Kaspars',
  'Armands',
  'Toms',
  'Rihards',
  'Kristaps',
  'Dāvis',
  'Reinis',
  'Ēriks',
  'Gints',
  'Oskars',
  'Rolands',
  'Viesturs',
  'Arnis',
  'Agris',
  'Imants',
  'Krišjānis',
  'Matīss',
  'Emīls',
  'Niks',
  'Ģirts',
  'Jurģis',
  'Aldis',
  'Ēvalds',
] as const;

/** Surnames as [masculine, feminine] (Latvian surnames change with gender). */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['Bērziņš', 'Bērziņa'],
  ['Kalniņš', 'Kalniņa'],
  ['Ozoliņš', 'Ozoliņa'],
  ['Jansons', 'Jansone'],
  ['Ozols', 'Ozola'],
  ['Liepiņš', 'Liepiņa'],
  ['Krūmiņš', 'Krūmiņa'],
  ['Balodis', 'Balode'],
  ['Eglītis', 'Eglīte'],
  ['Zariņš', 'Zariņa'],
  ['Pētersons', 'Pētersone'],
  ['Vītols', 'Vītola'],
  ['Kļaviņš', 'Kļaviņa'],
  ['Kārkliņš', 'Kārkliņa'],
  ['Vanags', 'Vanaga'],
  ['Siliņš', 'Siliņa'],
  ['Zālītis', 'Zālīte'],
  ['Lapiņš', 'Lapiņa'],
  ['Zeltiņš', 'Zeltiņa'],
  ['Žagars', 'Žagare'],
  ['Šmits', 'Šmite'],
  ['Grīnbergs', 'Grīnberga'],
  ['Rozenbergs', 'Rozenberga'],
  ['Āboliņš', 'Āboliņa'],
  ['Priede', 'Priede'],
  ['Lācis', 'Lāce'],
  ['Kalējs', 'Kalēja'],
  ['Strazds', 'Strazda'],
  ['Dūmiņš', 'Dūmiņa'],
  ['Ābele', 'Ābele'],
  ['Skujiņš', 'Skujiņa'],
  ['Sproģis', 'Sproģe'],
  ['Gailītis', 'Gailīte'],
  ['Leimanis', 'Leimane'],
  ['Freimanis', 'Freimane'],
  ['Puriņš', 'Puriņa'],
  ['Celmiņš', 'Celmiņa'],
  ['Mednis', 'Medne'],
  ['Kronbergs', 'Kronberga'],
  ['Bite', 'Bite'],
  ['Cīrulis', 'Cīrule'],
  ['Zvaigzne', 'Zvaigzne'],
  ['Dzenis', 'Dzene'],
  ['Šulcs', 'Šulca'],
  ['Ķēniņš', 'Ķēniņa'],
  ['Mežulis', 'Mežule'],
  ['Vilks', 'Vilka'],
  ['Sarkans', 'Sarkane'],
  ['Ūdris', 'Ūdre'],
  ['Krastiņš', 'Krastiņa'],
];

/** Russian-origin names, common in Latvia (especially in Rīga and Latgale), in Latvian spelling. */
export const FEMALE_FIRST_NAMES_RU = [
  'Olga',
  'Jeļena',
  'Tatjana',
  'Natālija',
  'Svetlana',
  'Irina',
  'Anastasija',
  'Marija',
  'Jūlija',
  'Ludmila',
  'Gaļina',
  'Viktorija',
] as const;
export const MALE_FIRST_NAMES_RU = [
  'Aleksandrs',
  'Sergejs',
  'Dmitrijs',
  'Andrejs',
  'Vladimirs',
  'Igors',
  'Jevgeņijs',
  'Nikolajs',
  'Oļegs',
  'Vitālijs',
  'Aleksejs',
  'Maksims',
] as const;
export const SURNAMES_RU: readonly (readonly [string, string])[] = [
  ['Ivanovs', 'Ivanova'],
  ['Petrovs', 'Petrova'],
  ['Kuzņecovs', 'Kuzņecova'],
  ['Smirnovs', 'Smirnova'],
  ['Vasiļjevs', 'Vasiļjeva'],
  ['Popovs', 'Popova'],
  ['Sokolovs', 'Sokolova'],
  ['Novikovs', 'Novikova'],
  ['Pavlovs', 'Pavlova'],
  ['Jakovļevs', 'Jakovļeva'],
  ['Morozovs', 'Morozova'],
  ['Volkovs', 'Volkova'],
];

/** Share of women by sector (Latvian education and health care are mostly women). */
export const FEMALE_SHARE: Record<Sector, number> = {
  education: 0.85,
  police: 0.35,
  health: 0.8,
  public_administration: 0.7,
  other: 0.6,
};

export interface Town {
  /** Nominative, e.g. "Cēsis". */
  name: string;
  /** Genitive, as in institution names, e.g. "Cēsu". */
  gen: string;
  region: Region;
  /** A state city (valstspilsēta): "…valstspilsētas pašvaldība", several numbered schools. */
  city: boolean;
  /** Relative size, for choosing where an institution is. */
  weight: number;
}

export const TOWNS: readonly Town[] = [
  { name: 'Rīga', gen: 'Rīgas', region: 'riga', city: true, weight: 60 },
  { name: 'Jūrmala', gen: 'Jūrmalas', region: 'riga', city: true, weight: 5 },
  { name: 'Ogre', gen: 'Ogres', region: 'riga', city: false, weight: 3 },
  { name: 'Salaspils', gen: 'Salaspils', region: 'riga', city: false, weight: 2 },
  { name: 'Olaine', gen: 'Olaines', region: 'riga', city: false, weight: 2 },
  { name: 'Ķekava', gen: 'Ķekavas', region: 'riga', city: false, weight: 2 },
  { name: 'Mārupe', gen: 'Mārupes', region: 'riga', city: false, weight: 2 },
  { name: 'Ādaži', gen: 'Ādažu', region: 'riga', city: false, weight: 2 },
  { name: 'Saulkrasti', gen: 'Saulkrastu', region: 'riga', city: false, weight: 1 },
  { name: 'Valmiera', gen: 'Valmieras', region: 'vidzeme', city: true, weight: 6 },
  { name: 'Cēsis', gen: 'Cēsu', region: 'vidzeme', city: false, weight: 4 },
  { name: 'Smiltene', gen: 'Smiltenes', region: 'vidzeme', city: false, weight: 2 },
  { name: 'Valka', gen: 'Valkas', region: 'vidzeme', city: false, weight: 1 },
  { name: 'Alūksne', gen: 'Alūksnes', region: 'vidzeme', city: false, weight: 2 },
  { name: 'Gulbene', gen: 'Gulbenes', region: 'vidzeme', city: false, weight: 2 },
  { name: 'Madona', gen: 'Madonas', region: 'vidzeme', city: false, weight: 2 },
  { name: 'Limbaži', gen: 'Limbažu', region: 'vidzeme', city: false, weight: 2 },
  { name: 'Liepāja', gen: 'Liepājas', region: 'kurzeme', city: true, weight: 8 },
  { name: 'Ventspils', gen: 'Ventspils', region: 'kurzeme', city: true, weight: 5 },
  { name: 'Kuldīga', gen: 'Kuldīgas', region: 'kurzeme', city: false, weight: 2 },
  { name: 'Talsi', gen: 'Talsu', region: 'kurzeme', city: false, weight: 2 },
  { name: 'Saldus', gen: 'Saldus', region: 'kurzeme', city: false, weight: 2 },
  { name: 'Tukums', gen: 'Tukuma', region: 'kurzeme', city: false, weight: 3 },
  { name: 'Jelgava', gen: 'Jelgavas', region: 'zemgale', city: true, weight: 8 },
  { name: 'Bauska', gen: 'Bauskas', region: 'zemgale', city: false, weight: 2 },
  { name: 'Dobele', gen: 'Dobeles', region: 'zemgale', city: false, weight: 2 },
  { name: 'Jēkabpils', gen: 'Jēkabpils', region: 'zemgale', city: true, weight: 3 },
  { name: 'Aizkraukle', gen: 'Aizkraukles', region: 'zemgale', city: false, weight: 2 },
  { name: 'Daugavpils', gen: 'Daugavpils', region: 'latgale', city: true, weight: 10 },
  { name: 'Rēzekne', gen: 'Rēzeknes', region: 'latgale', city: true, weight: 4 },
  { name: 'Ludza', gen: 'Ludzas', region: 'latgale', city: false, weight: 1 },
  { name: 'Krāslava', gen: 'Krāslavas', region: 'latgale', city: false, weight: 1 },
  { name: 'Preiļi', gen: 'Preiļu', region: 'latgale', city: false, weight: 1 },
  { name: 'Balvi', gen: 'Balvu', region: 'latgale', city: false, weight: 1 },
  { name: 'Līvāni', gen: 'Līvānu', region: 'latgale', city: false, weight: 1 },
];

/** Planning regions in the genitive, as in "Valsts policijas Latgales reģiona pārvalde". */
export const REGION_GEN: Record<Region, string> = {
  riga: 'Rīgas',
  vidzeme: 'Vidzemes',
  kurzeme: 'Kurzemes',
  zemgale: 'Zemgales',
  latgale: 'Latgales',
};

/** Share of institutions (and so of learners) by planning region: Rīga about 45 %. */
export const REGION_WEIGHTS: Record<Region, number> = {
  riga: 45,
  vidzeme: 12,
  kurzeme: 14,
  zemgale: 13,
  latgale: 16,
};

/** Share of learners by sector. */
export const SECTOR_WEIGHTS: Record<Sector, number> = {
  education: 30,
  police: 20,
  health: 25,
  public_administration: 20,
  other: 5,
};

const KINDERGARTENS = [
  'Saulīte',
  'Pīpenīte',
  'Zīļuks',
  'Taurenītis',
  'Ābelīte',
  'Rūķītis',
  'Cālītis',
  'Zvaniņš',
  'Lācītis',
  'Mārīte',
  'Bitīte',
  'Vāverīte',
  'Pienenīte',
  'Auseklītis',
  'Sprīdītis',
  'Dzērvenīte',
];

/** Name patterns per sector; `n` is a small number for numbered schools and units. */
export const INSTITUTION_PATTERNS: Record<Sector, readonly ((t: Town, n: number, k: string) => string | null)[]> = {
  education: [
    (t, n) => (t.city ? `${t.gen} ${n}. vidusskola` : `${t.gen} ${n % 3 === 0 ? 'Valsts ģimnāzija' : 'vidusskola'}`),
    (t, n) => (t.city ? `${t.gen} ${n}. pamatskola` : `${t.gen} pamatskola`),
    (t, n) => (t.city ? `${t.gen} ${n}. vidusskola` : `${t.gen} sākumskola`),
    (t, _n, k) => `${t.gen} pirmsskolas izglītības iestāde "${k}"`,
    (t) => `${t.gen} Valsts ģimnāzija`,
    (t) => `${t.gen} tehnikums`,
    (t) => `${t.gen} Mūzikas skola`,
  ],
  police: [
    (t) => `Valsts policijas ${REGION_GEN[t.region]} reģiona pārvaldes ${t.gen} iecirknis`,
    (t) => `${t.gen} ${t.city ? 'valstspilsētas' : 'novada'} pašvaldības policija`,
    (t) => `Valsts policijas ${REGION_GEN[t.region]} reģiona pārvalde`,
    (t) =>
      ['Rīga', 'Daugavpils', 'Ludza', 'Ventspils', 'Valka'].includes(t.name)
        ? `Valsts robežsardzes ${t.gen} pārvalde`
        : null,
    (t) => `Valsts policijas ${REGION_GEN[t.region]} reģiona pārvaldes Kārtības policijas birojs`,
  ],
  health: [
    (t) => (t.city ? `${t.gen} reģionālā slimnīca` : `${t.gen} slimnīca`),
    (t) => `${t.gen} poliklīnika`,
    (t) => `${t.gen} veselības centrs`,
    (t) => `Neatliekamās medicīniskās palīdzības dienesta ${REGION_GEN[t.region]} reģionālais centrs`,
    (t, n) => (t.city ? `${t.gen} ${n}. slimnīca` : `${t.gen} ģimenes veselības centrs`),
  ],
  public_administration: [
    (t) => `${t.gen} ${t.city ? 'valstspilsētas' : 'novada'} pašvaldība`,
    (t) => `${t.gen} ${t.city ? 'valstspilsētas' : 'novada'} sociālais dienests`,
    (t) => `${t.gen} ${t.city ? 'valstspilsētas' : 'novada'} bāriņtiesa`,
    (t) => `Pilsonības un migrācijas lietu pārvaldes ${t.gen} nodaļa`,
    (t) => `Nodarbinātības valsts aģentūras ${t.gen} filiāle`,
    (t) => `Valsts sociālās apdrošināšanas aģentūras ${t.gen} nodaļa`,
  ],
  other: [
    (t) => `Latvijas Sarkanā Krusta ${t.gen} komiteja`,
    (t) => `${t.gen} Centrālā bibliotēka`,
    (t) => `${t.gen} mūžizglītības centrs`,
    (t) => `Biedrība "${t.gen} integrācijas centrs"`,
    (t) => `${t.gen} kultūras centrs`,
  ],
};

export const KINDERGARTEN_NAMES: readonly string[] = KINDERGARTENS;

/** Where in-person sessions take place. */
export const VENUE_PATTERNS: readonly ((t: Town) => string)[] = [
  (t) => `${t.gen} Centrālā bibliotēka, semināru telpa`,
  (t) => `${t.gen} kultūras centrs, mazā zāle`,
  (t) => `${t.gen} ${t.city ? 'valstspilsētas' : 'novada'} pašvaldība, sēžu zāle`,
  (t) => `${t.gen} mūžizglītības centrs, 2. auditorija`,
];

/** Job titles as [masculine, feminine]. */
export const POSITIONS: Record<Sector, readonly (readonly [string, string])[]> = {
  education: [
    ['skolotājs', 'skolotāja'],
    ['sākumskolas skolotājs', 'sākumskolas skolotāja'],
    ['latviešu valodas skolotājs', 'latviešu valodas skolotāja'],
    ['direktora vietnieks izglītības jomā', 'direktora vietniece izglītības jomā'],
    ['sociālais pedagogs', 'sociālā pedagoģe'],
    ['izglītības psihologs', 'izglītības psiholoģe'],
    ['pirmsskolas skolotājs', 'pirmsskolas skolotāja'],
    ['skolotāja palīgs', 'skolotāja palīdze'],
  ],
  police: [
    ['inspektors', 'inspektore'],
    ['vecākais inspektors', 'vecākā inspektore'],
    ['iecirkņa inspektors', 'iecirkņa inspektore'],
    ['robežsargs', 'robežsardze'],
    ['pašvaldības policists', 'pašvaldības policiste'],
    ['nodaļas priekšnieks', 'nodaļas priekšniece'],
  ],
  health: [
    ['ārsts', 'ārste'],
    ['ģimenes ārsts', 'ģimenes ārste'],
    ['medicīnas brālis', 'medicīnas māsa'],
    ['ārsta palīgs', 'ārsta palīdze'],
    ['reģistrators', 'reģistratore'],
    ['klīniskais psihologs', 'klīniskā psiholoģe'],
  ],
  public_administration: [
    ['vecākais referents', 'vecākā referente'],
    ['sociālais darbinieks', 'sociālā darbiniece'],
    ['klientu apkalpošanas speciālists', 'klientu apkalpošanas speciāliste'],
    ['bāriņtiesas loceklis', 'bāriņtiesas locekle'],
    ['nodaļas vadītājs', 'nodaļas vadītāja'],
    ['projektu vadītājs', 'projektu vadītāja'],
  ],
  other: [
    ['projektu koordinators', 'projektu koordinatore'],
    ['konsultants', 'konsultante'],
    ['brīvprātīgais', 'brīvprātīgā'],
    ['bibliotekārs', 'bibliotekāre'],
  ],
};

export const TRAINER_POSITIONS: readonly (readonly [string, string])[] = [
  ['projekta pasniedzējs', 'projekta pasniedzēja'],
  ['starpkultūru komunikācijas treneris', 'starpkultūru komunikācijas trenere'],
];

export const COORDINATOR_POSITIONS: readonly (readonly [string, string])[] = [
  ['personāla speciālists', 'personāla speciāliste'],
  ['mācību koordinators', 'mācību koordinatore'],
];

/** Open comments of the end-of-course survey, by the learner's language. */
export const SURVEY_COMMENTS = {
  lv: [
    'Ļoti noderīgi praktiskie piemēri, īpaši par darbu ar tulku.',
    'Gribētos vairāk klātienes nodarbību un lomu spēļu.',
    'Scenāriju vingrinājumi bija labākā kursa daļa.',
    'Dažas nodarbības bija pārāk garas, bet saturs vērtīgs.',
    'Iesaku visiem kolēģiem — daudz ko uzzināju par savām neapzinātajām attieksmēm.',
    'Noderētu vairāk piemēru no policijas ikdienas darba.',
    'Vienkāršās valodas padomi jau noder darbā ar pacientiem.',
    'Noslēguma tests bija grūtāks, nekā gaidīju.',
    'Paldies pasniedzējai par iedrošinošo gaisotni!',
    'Būtu labi saņemt materiālus arī izdrukājamā formātā.',
    'Par maz laika diskusijām grupā.',
    'Tagad zinu, kur vērsties pēc tulka palīdzības retajās valodās.',
    'Kurss palīdzēja sagatavoties sarunām ar jaunpienācēju ģimenēm.',
    'Mobilajā tālrunī dažas lapas bija neērti lasīt.',
  ],
  en: [
    'Very practical, especially the part on working with interpreters.',
    'I would like more in-person practice and role plays.',
    'The scenario exercises were the best part of the course.',
    'Some lessons were long, but the content was worth it.',
    'Useful for my daily work with families who have just arrived.',
    'More examples from health care would help.',
    'The post-test was harder than I expected.',
    'Thank you to the trainer for a safe and open atmosphere.',
    'Printable handouts would be helpful.',
    'I finally understand how to plan a conversation through an interpreter.',
  ],
} as const;

export const REVOCATION_REASONS: readonly string[] = [
  'Izsniegts kļūdaini: kursa prasības nebija izpildītas',
  'Dublēts konts: sertifikāts izsniegts otram kontam',
  'Konstatēts noslēguma testa noteikumu pārkāpums',
  'Administratīva kļūda dalībnieka datos',
];

/** Month names in the genitive-free form used in cohort names ("2025. gada marts"). */
export const MONTHS_LV = [
  'janvāris',
  'februāris',
  'marts',
  'aprīlis',
  'maijs',
  'jūnijs',
  'jūlijs',
  'augusts',
  'septembris',
  'oktobris',
  'novembris',
  'decembris',
] as const;
