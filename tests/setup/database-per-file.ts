import { copyFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { closeDb } from '../../src/lib/db.ts';
import { resetEnvCache } from '../../src/lib/env/index.ts';
import { BASE_DB, TEST_DATA_DIR } from './paths.ts';

// A real libSQL file per test file (never a mock): copied from the migrated base, so every
// file starts from an empty, fully migrated database and files never see each other's rows.
const id = `${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
const file = `${TEST_DATA_DIR}/db-${id}.db`;
copyFileSync(BASE_DB, file);
process.env['DATABASE_URL'] = `file:${file}`;
process.env['OUTBOX_DIR'] = `${TEST_DATA_DIR}/outbox-${id}`;
process.env['SCORM_DIR'] = `${TEST_DATA_DIR}/scorm-${id}`;
process.env['SEED_DEMO'] = '0';
delete process.env['SMTP_URL'];
resetEnvCache();

afterAll(async () => {
  await closeDb();
});
