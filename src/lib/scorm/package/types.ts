// scorm-again does not export its sequencing settings types from its entry points: these are
// structural copies of the parts Tilts fills (checked against the library by the player's use).
import type { ActivitySettings, SequencingCollectionSettings } from './sequencing-types.ts';

/** The SCORM editions Tilts plays, as read from the manifest's `<schemaversion>` and namespaces. */
export type ScormVersion = '1.2' | '2004-2nd' | '2004-3rd' | '2004-4th';

export type TimeLimitAction = 'exit,message' | 'exit,no message' | 'continue,message' | 'continue,no message';

/** One `<item>` of the default organisation, with what the runtime needs from it. */
export interface ScormItem {
  identifier: string;
  title: string;
  /** False for `isvisible="false"`: the item is not shown in the outline. */
  isVisible: boolean;
  /** The resource it launches, or null for a cluster (an item with children and no content). */
  resourceId: string | null;
  /** 'sco' talks to the API; 'asset' does not (launched and counted as completed). */
  scormType: 'sco' | 'asset' | null;
  /**
   * The URL to open, relative to the package root: the resource's href under its `xml:base`
   * (and the manifest's / resources' `xml:base`), with the item's `parameters` appended by the
   * rules of the CAM book (a leading `?` or `#` kept, a second `?` becoming `&`). Null for a cluster.
   */
  launch: string | null;
  /** `parameters` as written in the manifest (already part of `launch`). */
  parameters: string | null;
  /** SCORM 1.2 `adlcp:masteryscore` (0–100), else null. */
  masteryScore: number | null;
  /** `adlcp:datafromlms` (1.2) / `adlcp:dataFromLMS` (2004): given to the SCO as launch data. */
  dataFromLms: string | null;
  /** `adlcp:maxtimeallowed` (1.2, a CMITimespan) or the 2004 attempt absolute duration limit (ISO 8601). */
  maxTimeAllowed: string | null;
  timeLimitAction: TimeLimitAction | null;
  /** SCORM 1.2 `adlcp:prerequisites` (the AICC script expression, as written), else null. */
  prerequisites: string | null;
  /** SCORM 2004 `adlcp:completionThreshold` (its minProgressMeasure, 0–1), else null. */
  completionThreshold: number | null;
  /** SCORM 2004: the primary objective's `minNormalizedMeasure` when it is satisfied by measure, else null. */
  minNormalizedMeasure: number | null;
  /** SCORM 2004: ids of the objectives the manifest declares for this item (primary first), for `cmi.objectives`. */
  objectiveIds: string[];
  children: ScormItem[];
}

/** The parsed, validated manifest: everything the player and the runtime need. */
export interface ScormManifest {
  version: ScormVersion;
  /** The manifest's own `identifier`. */
  identifier: string;
  organisation: { identifier: string; title: string };
  /** The default organisation's top-level items. */
  items: ScormItem[];
  /**
   * SCORM 2004 only: the organisation as scorm-again's sequencing activity tree (root = the
   * organisation, one child per item, with sequencing controls, rules, rollup, objectives and
   * limits from `imsss:sequencing`), and the `imsss:sequencingCollection` entries by id. Null for 1.2.
   */
  sequencing: { activityTree: ActivitySettings; collections: Record<string, SequencingCollectionSettings> } | null;
}

/** An imported package as stored and reported (also the `scorm import --json` output). */
export interface ImportedPackage {
  /** Stable id derived from the zip's content (the same file always gets the same id). */
  id: string;
  sha256: string;
  version: ScormVersion;
  title: string;
  manifest: ScormManifest;
  /** Items that launch content (SCOs and assets), in outline order. */
  scos: { identifier: string; title: string; launch: string; scormType: 'sco' | 'asset' }[];
  files: number;
  /** Uncompressed bytes of all files. */
  bytes: number;
}
