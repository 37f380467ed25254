import type { ScormItem, ScormManifest } from './package/types.ts';

/** Items that launch content (SCOs and assets), in the order of the outline. */
export function launchableItems(manifest: ScormManifest): ScormItem[] {
  const out: ScormItem[] = [];
  const walk = (items: ScormItem[]) => {
    for (const item of items) {
      if (item.launch !== null) out.push(item);
      walk(item.children);
    }
  };
  walk(manifest.items);
  return out;
}

const indexes = new WeakMap<ScormManifest, Map<string, ScormItem>>();

/** A launchable item by identifier, or null (an id not in the package, or a cluster). */
export function launchableItem(manifest: ScormManifest, identifier: string): ScormItem | null {
  let index = indexes.get(manifest);
  if (!index) {
    index = new Map(launchableItems(manifest).map((item) => [item.identifier, item]));
    indexes.set(manifest, index);
  }
  return index.get(identifier) ?? null;
}

/** The launchable item before / after `identifier` in outline order. */
export function neighbours(
  manifest: ScormManifest,
  identifier: string,
): { previous: ScormItem | null; next: ScormItem | null } {
  const items = launchableItems(manifest);
  const at = items.findIndex((i) => i.identifier === identifier);
  return { previous: at > 0 ? (items[at - 1] ?? null) : null, next: at >= 0 ? (items[at + 1] ?? null) : null };
}

/** Whether a 2004 package carries sequencing the engine must follow (1.2 never does). */
export function isSequenced(manifest: ScormManifest): boolean {
  return manifest.sequencing !== null && launchableItems(manifest).length > 1;
}
