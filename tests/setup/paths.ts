/** Where the test databases live: a migrated base file, copied for every test file. */
export const TEST_DATA_DIR = 'data/test';
export const BASE_DB = `${TEST_DATA_DIR}/base.db`;
