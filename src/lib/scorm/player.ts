import { z } from 'zod';
import type { SessionUser } from '../auth/types.ts';
import { AppError } from '../errors.ts';

import { rememberPosition, type EnrolmentView } from '../courses/learning.ts';
import type { Activity } from '../courses/schema.ts';
import {
  apiOf,
  attemptById,
  currentAttempt,
  itemAvailable,
  itemToOpen,
  launchSco,
  scoStatuses,
  scormActivity,
  type AttemptRow,
} from './attempts.ts';
import { isSequenced, launchableItem, launchableItems } from './outline.ts';
import { getPackage, type StoredPackage } from './packages.ts';
import { commitSchema, storeCommit } from './commit.ts';
import type { ScormItem, ScormManifest } from './package/types.ts';

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
  /** What the player script reads (null when locked); the launch itself is its POST to startUrl. */
  launch: PlayerLaunch | null;
}

/** The JSON the player page hands its script (src/scripts/scorm-player.ts). */
export interface PlayerLaunch {
  api: '1.2' | '2004';
  attempt: number;
  token: string;
  item: string;
  launchUrl: string;
  commitUrl: string;
  startUrl: string;
  itemUrl: string;
  exitUrl: string;
  sequencing: ScormManifest['sequencing'];
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
  await rememberPosition(enrolment, activity.id);
  const sequenced = isSequenced(pkg.manifest) && pkg.manifest.sequencing;
  return {
    ...view,
    locked: false,
    launch: {
      api: apiOf(pkg),
      attempt: attempt.id,
      token: attempt.token,
      item: item.identifier,
      launchUrl: `/scorm/files/${pkg.id}/${item.launch ?? ''}`,
      commitUrl: '/api/scorm/commit',
      startUrl: '/api/scorm/launch',
      itemUrl: `${base}/play?item=`,
      exitUrl: base,
      sequencing: sequenced ? { activityTree: sequenced.activityTree, collections: sequenced.collections } : null,
    },
  };
}

export const launchRequestSchema = z
  .object({
    attempt: z.number().int().positive(),
    item: z.string().min(1).max(4000),
    token: z.string().min(16).max(200),
    /** The newest state the browser kept of the previous launch (see the player script), if any. */
    pending: z.unknown().optional(),
  })
  .strict();

/**
 * Starts a launch of the SCO: asked for by the player page's script once the page is loaded —
 * after the previous page (a reload, the previous SCO) has sent its last commits — so that the
 * state handed to the SCO is the newest. A state the browser kept from a launch whose last
 * commits never arrived (closed tab offline, more than a beacon can carry) is stored first, if
 * it is still the newest. Returns the session number for commits and the CMI to load.
 */
export async function launchPlayer(
  user: SessionUser,
  request: z.infer<typeof launchRequestSchema>,
): Promise<{ session: number; cmi: Record<string, string>; sequencingState: string | null }> {
  if (request.pending !== undefined) {
    const pending = commitSchema.safeParse(request.pending);
    if (pending.success && pending.data.attempt === request.attempt) {
      try {
        await storeCommit(user.id, pending.data);
      } catch (error) {
        // Older than what the server has, or refused: the server's state stands.
        if (!(error instanceof AppError)) throw error;
      }
    }
  }
  const attempt = await attemptById(request.attempt);
  if (!attempt || attempt.userId !== user.id) throw new AppError('NOT_FOUND', 'scorm.error.noAttempt');
  if (attempt.token !== request.token) throw new AppError('FORBIDDEN', 'scorm.error.token');
  const pkg = await getPackage(attempt.packageId);
  const item = pkg ? launchableItem(pkg.manifest, request.item) : null;
  if (!pkg || !item) throw new AppError('NOT_FOUND', 'scorm.error.noItem');
  if (!itemAvailable(pkg, item, await scoStatuses(attempt.id))) throw new AppError('CONFLICT', 'scorm.locked');
  const launched = await launchSco(pkg, attempt, item, { id: user.id, name: user.name });
  return { session: launched.session, cmi: launched.cmi, sequencingState: attempt.sequencing };
}
