import { env } from '../env/index.ts';
import { loadProject } from '../courses/loader.ts';
import type { ProjectFacts } from '../courses/schema.ts';

let cached: ProjectFacts | null | undefined;

/**
 * The project's facts, period and default targets from `courses/project.yaml`, read once per
 * process (the file is part of the deployed content, like the courses). Null when the file is
 * missing or invalid: reports then show no targets rather than failing.
 */
export function projectFacts(): ProjectFacts | null {
  if (cached === undefined) {
    const loaded = loadProject(env().COURSES_DIR);
    cached = loaded.ok ? loaded.project : null;
  }
  return cached;
}
