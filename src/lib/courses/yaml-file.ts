import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/** A course file's YAML, or undefined with "<file>: YAML error: …" added to `errors`. */
export function readYaml(file: string, shown: string, errors: string[]): unknown {
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    errors.push(`${shown}: YAML error: ${String((error as Error).message).split('\n')[0]}`);
    return undefined;
  }
}
