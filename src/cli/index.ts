#!/usr/bin/env node
/**
 * The Tilts command line: `npm run -s tilts -- <command>`. Exit code 0 on success; otherwise
 * non-zero with a one-line reason on stderr. Later capabilities add their commands to COMMANDS.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../lib/errors.ts';
import { EnvError } from '../lib/env/index.ts';
import { translator } from '../lib/i18n/translate.ts';
import { COMMANDS, type Command } from './commands.ts';

/** A usage error: wrong command or arguments (exit code 2). */
export class UsageError extends Error {}

function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  // Longest match first: "db migrate" before "db".
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const command = COMMANDS.find((c) => c.name === name);
    if (command) return { command, rest: argv.slice(words) };
  }
  return null;
}

export async function run(argv: string[]): Promise<number> {
  const found = findCommand(argv);
  if (!found || argv[0] === 'help' || argv.length === 0) {
    if (argv.length > 0 && argv[0] !== 'help') {
      process.stderr.write(`tilts: unknown command "${argv.join(' ')}"; run "npm run -s tilts -- help"\n`);
      return 2;
    }
    process.stdout.write(helpText());
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: found.rest,
      options: found.command.options as ParseArgsConfig['options'],
      strict: true,
      allowPositionals: found.command.allowPositionals ?? false,
    });
    return (await found.command.run(values as Record<string, string | boolean | undefined>, positionals)) ?? 0;
  } catch (error) {
    process.stderr.write(`tilts ${found.command.name}: ${reason(error)}\n`);
    return error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  }
}

function reason(error: unknown): string {
  if (error instanceof AppError) return translator('en')(error.messageKey, error.params);
  if (error instanceof EnvError) return error.message.replace(/\n\s*/g, ' ');
  if (error instanceof Error) return error.message.split('\n')[0] ?? String(error);
  return String(error);
}

function helpText(): string {
  const lines = COMMANDS.map((c) => `  ${`${c.name} ${c.usage}`.padEnd(62)} ${c.summary}`);
  return `Tilts — intercultural communication training platform\n\nUsage: npm run -s tilts -- <command> [options]\n\nCommands:\n  ${'help'.padEnd(62)} Show this help\n${lines.join('\n')}\n`;
}

if (import.meta.main) {
  const code = await run(process.argv.slice(2));
  // The serve command keeps the process alive through its server; the others end here.
  if (code !== -1) process.exit(code);
}
