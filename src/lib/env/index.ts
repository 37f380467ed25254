import { z } from 'zod';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|wss?:)/, 'must start with file:, libsql:, http(s): or ws(s):')
    .default('file:./data/tilts.db'),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  PUBLIC_BASE_URL: z.url('must be an absolute URL such as https://tilts.example.lv').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Tilts <no-reply@tilts.local>'),
  OUTBOX_DIR: z.string().min(1).default('./data/outbox'),
  COURSES_DIR: z.string().min(1).default('./courses'),
  /** Where imported SCORM packages are unpacked (one folder per package). */
  SCORM_DIR: z.string().min(1).default('./data/scorm'),
  // Off unless asked for: a deployment must never start with the published demo passwords.
  SEED_DEMO: booleanFlag.default(false),
  TRUST_PROXY: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

/** Thrown when the environment is invalid; the message lists every bad variable. */
export class EnvError extends Error {}

/**
 * Parses the environment once, with one line per invalid variable, so that a misconfigured
 * deployment stops at boot with a reason instead of failing on the first request.
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty string means "unset" for every variable: shells and .env files produce them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * The base URL for links in e-mails and on certificates: PUBLIC_BASE_URL, or this server on
 * localhost. Never the request's Host header, which a client chooses.
 */
export function publicBaseUrl(): URL {
  return new URL(env().PUBLIC_BASE_URL ?? `http://localhost:${process.env['PORT'] ?? 4321}`);
}

/** Forget the parsed environment (tests change process.env between cases). */
export function resetEnvCache(): void {
  cached = undefined;
}
