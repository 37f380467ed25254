import type { Region, Role, Sector } from '../../src/lib/reference/index.ts';

/**
 * Demo institutions: real kinds of employers of the four sectors across Latvia's regions.
 * Registration numbers are made up (11 digits, starting 9000 like public bodies) — not real ones.
 */
export const DEMO_INSTITUTIONS: { name: string; registrationNumber: string; sector: Sector; region: Region }[] = [
  { name: 'Rīgas 64. vidusskola', registrationNumber: '90000000101', sector: 'education', region: 'riga' },
  { name: 'Daugavpils Valsts ģimnāzija', registrationNumber: '90000000102', sector: 'education', region: 'latgale' },
  { name: 'Liepājas Valsts 1. ģimnāzija', registrationNumber: '90000000103', sector: 'education', region: 'kurzeme' },
  { name: 'Valmieras Viestura vidusskola', registrationNumber: '90000000104', sector: 'education', region: 'vidzeme' },
  { name: 'Jelgavas Valsts ģimnāzija', registrationNumber: '90000000105', sector: 'education', region: 'zemgale' },
  {
    name: 'Valsts policijas Rīgas reģiona pārvalde',
    registrationNumber: '90000000201',
    sector: 'police',
    region: 'riga',
  },
  {
    name: 'Valsts policijas Latgales reģiona pārvalde',
    registrationNumber: '90000000202',
    sector: 'police',
    region: 'latgale',
  },
  {
    name: 'Valsts robežsardzes Daugavpils pārvalde',
    registrationNumber: '90000000203',
    sector: 'police',
    region: 'latgale',
  },
  { name: 'Valsts policijas koledža', registrationNumber: '90000000204', sector: 'police', region: 'riga' },
  {
    name: 'Paula Stradiņa klīniskā universitātes slimnīca',
    registrationNumber: '90000000301',
    sector: 'health',
    region: 'riga',
  },
  { name: 'Daugavpils reģionālā slimnīca', registrationNumber: '90000000302', sector: 'health', region: 'latgale' },
  { name: 'Liepājas reģionālā slimnīca', registrationNumber: '90000000303', sector: 'health', region: 'kurzeme' },
  { name: 'Vidzemes slimnīca', registrationNumber: '90000000304', sector: 'health', region: 'vidzeme' },
  {
    name: 'Pilsonības un migrācijas lietu pārvalde',
    registrationNumber: '90000000401',
    sector: 'public_administration',
    region: 'riga',
  },
  {
    name: 'Nodarbinātības valsts aģentūra',
    registrationNumber: '90000000402',
    sector: 'public_administration',
    region: 'riga',
  },
  {
    name: 'Jelgavas valstspilsētas pašvaldība',
    registrationNumber: '90000000403',
    sector: 'public_administration',
    region: 'zemgale',
  },
  {
    name: 'Valmieras novada pašvaldība',
    registrationNumber: '90000000404',
    sector: 'public_administration',
    region: 'vidzeme',
  },
  { name: 'Sabiedrības integrācijas fonds', registrationNumber: '90000000501', sector: 'other', region: 'riga' },
];

/** The password of every demo account (printed at start; change it or use a fresh database in production). */
export const DEMO_PASSWORD = 'Tilts-demo-2026';

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  sector: Sector;
  region: Region;
  institution: string;
  position: string;
  coordinates?: string[];
}

/** One account per role, with Latvian names that exercise every diacritic class. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@tilts.demo',
    name: 'Anna Bērziņa',
    role: 'admin',
    sector: 'other',
    region: 'riga',
    institution: '90000000501',
    position: 'Projekta vadītāja',
  },
  {
    email: 'trainer@tilts.demo',
    name: 'Jānis Ozoliņš',
    role: 'trainer',
    sector: 'other',
    region: 'latgale',
    institution: '90000000501',
    position: 'Pasniedzējs',
  },
  {
    email: 'coordinator@tilts.demo',
    name: 'Līga Kalniņa',
    role: 'coordinator',
    sector: 'health',
    region: 'riga',
    institution: '90000000301',
    position: 'Personāla attīstības speciāliste',
    coordinates: ['90000000301', '90000000302'],
  },
  {
    email: 'learner@tilts.demo',
    name: 'Ērika Šķēle-Žagare',
    role: 'learner',
    sector: 'health',
    region: 'riga',
    institution: '90000000301',
    position: 'Medicīnas māsa',
  },
  {
    email: 'police@tilts.demo',
    name: 'Ģirts Ņikitins',
    role: 'learner',
    sector: 'police',
    region: 'latgale',
    institution: '90000000202',
    position: 'Inspektors',
  },
  {
    email: 'teacher@tilts.demo',
    name: 'Ilze Ūdre',
    role: 'learner',
    sector: 'education',
    region: 'latgale',
    institution: '90000000102',
    position: 'Skolotāja',
  },
];
