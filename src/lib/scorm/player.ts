import type { SessionUser } from '../auth/types.ts';

import { rememberPosition, type EnrolmentView } from '../courses/learning.ts';
import type { Activity } from '../courses/schema.ts';
import {
  currentAttempt,
  itemAvailable,
  itemToOpen,
  launchSco,
  scoStatuses,
  scormActivity,
  type AttemptRow,
} from './attempts.ts';
import { isSequenced, launchableItems } from './outline.ts';
import type { StoredPackage } from './packages.ts';
import type { ScormItem } from './package/types.ts';

export interface OutlineEntry {
  identifier: string;
  title: string;
  depth: number;
  /** Null for a cluster (a heading without content). */
  launchable: boolean;
  available: boolean;
  state: 'done' | 'started' | 'failed' | 'new';
}

/** What the player page shows and what its script needs to run the SCO. */
export interface PlayerView {
  enrolment: EnrolmentView;
  activity: Extract<Activity, { kind: 'scorm' }>;
  pkg: StoredPackage;
  attempt: AttemptRow;
  item: ScormItem;
  outline: OutlineEntry[];
  previous: string | null;
  next: string | null;
  /** Set when the item asked for is locked by its 1.2 prerequisites: nothing is launched. */
  locked: boolean;
  /** The JSON the player script reads (null when locked). */
  launch: {
    api: '1.2' | '2004';
    attempt: number;
    token: string;
    item: string;
    session: number;
    cmi: Record<string, string>;
    launchUrl: string;
    commitUrl: string;
    itemUrl: string;
    exitUrl: string;
    sequencing: { activityTree: unknown; collections: unknown; state: string | null } | null;
  } | null;
}

function outlineOf(pkg: StoredPackage, statuses: Awaited<ReturnType<typeof scoStatuses>>): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  const walk = (items: ScormItem[], depth: number) => {
    for (const item of items) {
      // A hidden item (a wrapper used for sequencing) is not listed; its children are.
      if (!item.isVisible) {
        walk(item.children, depth);
        continue;
      }
      const status = statuses.get(item.identifier);
      out.push({
        identifier: item.identifier,
        title: item.title,
        depth,
        launchable: item.launch !== null,
        available: item.launch !== null && itemAvailable(pkg, item, statuses),
        state:
          status?.success === 'failed'
            ? 'failed'
            : status?.completion === 'completed' || status?.success === 'passed'
              ? 'done'
              : status && status.completion !== 'not attempted'
                ? 'started'
                : 'new',
      });
      walk(item.children, depth + 1);
    }
  };
  walk(pkg.manifest.items, 0);
  return out;
}

/**
 * Opens the player for a learner: their attempt (resumed, or the first), the SCO to show (the
 * one asked for, else where they were, else the first) and a fresh launch of it with the state
 * it saved. A SCORM 1.2 item whose prerequisites are not met is not launched.
 */
export async function openPlayer(
  user: SessionUser,
  slug: string,
  activityId: string,
  requested: string | null,
): Promise<PlayerView> {
  const { enrolment, activity, pkg } = await scormActivity(user.id, slug, activityId);
  const attempt = await currentAttempt(user.id, enrolment.id, pkg.id, activity.id);
  const statuses = await scoStatuses(attempt.id);
  const item = itemToOpen(pkg, attempt, requested);
  const items = launchableItems(pkg.manifest);
  const at = items.findIndex((i) => i.identifier === item.identifier);
  const base = `/learn/${encodeURIComponent(slug)}/${encodeURIComponent(activityId)}`;
  const view = {
    enrolment,
    activity,
    pkg,
    attempt,
    item,
    outline: outlineOf(pkg, statuses),
    previous: items[at - 1]?.identifier ?? null,
    next: items[at + 1]?.identifier ?? null,
  };
  if (!itemAvailable(pkg, item, statuses)) return { ...view, locked: true, launch: null };
  const launched = await launchSco(pkg, attempt, item, { id: user.id, name: user.name });
  await rememberPosition(enrolment, activity.id);
  const sequenced = isSequenced(pkg.manifest) && pkg.manifest.sequencing;
  return {
    ...view,
    attempt: launched.attempt,
    locked: false,
    launch: {
      api: launched.api,
      attempt: attempt.id,
      token: attempt.token,
      item: item.identifier,
      session: launched.session,
      cmi: launched.cmi,
      launchUrl: `/scorm/files/${pkg.id}/${item.launch ?? ''}`,
      commitUrl: '/api/scorm/commit',
      itemUrl: `${base}/play?item=`,
      exitUrl: base,
      sequencing: sequenced
        ? { activityTree: sequenced.activityTree, collections: sequenced.collections, state: attempt.sequencing }
        : null,
    },
  };
}
