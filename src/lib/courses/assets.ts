import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  webm: 'video/webm',
  vtt: 'text/vtt; charset=utf-8',
};

/**
 * The file of a course folder that a lesson may show (images, video, captions), or null.
 * Only media types are served — never course.yaml, lesson sources or packages — and only from
 * inside the course's own folder.
 */
export function courseAssetFile(
  root: string,
  slug: string,
  path: string,
): { file: string; type: string; size: number } | null {
  if (
    !/^[a-z0-9-]+$/.test(slug) ||
    !path ||
    path.includes('\\') ||
    path.split('/').some((p) => p === '..' || p === '' || p.startsWith('.'))
  ) {
    return null;
  }
  const extension = path.split('.').at(-1)?.toLowerCase() ?? '';
  const type = TYPES[extension];
  if (!type) return null;
  const folder = resolve(root, slug);
  const file = resolve(join(folder, path));
  if (!file.startsWith(folder + sep) || !existsSync(file)) return null;
  const stats = statSync(file);
  return stats.isFile() ? { file, type, size: stats.size } : null;
}
