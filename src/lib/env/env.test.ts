import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './index.ts';

describe('parseEnv', () => {
  it('defaults to the embedded database and the file outbox', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe('file:./data/tilts.db');
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.OUTBOX_DIR).toBe('./data/outbox');
    expect(env.SEED_DEMO).toBe(false);
  });

  it('accepts a libSQL server URL and treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: 'http://127.0.0.1:8080', SMTP_URL: '' }).DATABASE_URL).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('names every invalid variable in one error', () => {
    try {
      parseEnv({ DATABASE_URL: 'postgres://x', SMTP_URL: 'mail.example.lv', SEED_DEMO: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const message = (error as Error).message;
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('SMTP_URL');
      expect(message).toContain('SEED_DEMO');
    }
  });
});
