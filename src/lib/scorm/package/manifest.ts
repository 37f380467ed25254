import { ScormPackageError } from './errors.ts';
import { appendParameters, formatUrl, launchFile, resolveLaunch } from './launch-url.ts';
import { activitySettings, collectionSettings, sequencingCollections } from './sequencing.ts';
import type { ActivitySettings } from './sequencing-types.ts';
import type { ScormItem, ScormManifest, ScormVersion, TimeLimitAction } from './types.ts';
import { attr, child, children, parseXml, textOf, type XmlElement } from './xml.ts';

/** `<schemaversion>` values by edition, compared without case or extra spaces. */
const SCHEMA_VERSIONS: Record<string, ScormVersion> = {
  '1.2': '1.2',
  'scorm 1.2': '1.2',
  'cam 1.3': '2004-2nd',
  '2004 2nd edition': '2004-2nd',
  '2004 3rd edition': '2004-3rd',
  '2004 4th edition': '2004-4th',
};

/** The edition: `<metadata><schemaversion>`, else the adlcp namespace the manifest declares. */
function versionOf(manifest: XmlElement, namespaceUris: string[]): ScormVersion {
  const written = textOf(child(child(manifest, 'cp', 'metadata'), 'cp', 'schemaversion'));
  if (written !== undefined) {
    const version = SCHEMA_VERSIONS[written.toLowerCase().replace(/\s+/g, ' ')];
    if (!version) throw new ScormPackageError('unsupported-version', { version: written });
    return version;
  }
  const uris = namespaceUris.map((u) => u.toLowerCase());
  if (uris.some((u) => u.includes('adlcp_rootv1p2'))) return '1.2';
  if (uris.some((u) => u.includes('adlcp_v1p3'))) return '2004-3rd';
  throw new ScormPackageError('unsupported-version', { version: '' });
}

function required(el: XmlElement, attribute: string): string {
  const value = attr(el, attribute)?.trim();
  if (!value) throw new ScormPackageError('invalid-manifest', { element: el.name, attribute });
  return value;
}

interface Resource {
  identifier: string;
  href: string | undefined;
  base: string | undefined;
  scormType: 'sco' | 'asset';
}

function resourcesOf(manifest: XmlElement): { base: string | undefined; byId: Map<string, Resource> } {
  const resources = child(manifest, 'cp', 'resources');
  const byId = new Map<string, Resource>();
  for (const el of children(resources, 'cp', 'resource')) {
    const identifier = required(el, 'identifier');
    // Items may share an identifier with a resource (some tools do; nothing depends on it), but
    // two resources of one name would make every reference to it ambiguous.
    if (byId.has(identifier)) throw new ScormPackageError('duplicate-identifier', { id: identifier });
    // 1.2 spells it scormtype, 2004 scormType; attribute lookup ignores case.
    const type = attr(el, 'adlcp:scormtype')?.trim().toLowerCase();
    byId.set(identifier, {
      identifier,
      href: attr(el, 'href')?.trim() || undefined,
      base: attr(el, 'xml:base'),
      scormType: type === 'sco' ? 'sco' : 'asset',
    });
  }
  return { base: attr(resources, 'xml:base'), byId };
}

/** The default organisation: named by `organizations@default`, else the first one. */
function organisationOf(manifest: XmlElement): XmlElement {
  const organizations = child(manifest, 'cp', 'organizations');
  const all = children(organizations, 'cp', 'organization');
  const wanted = attr(organizations, 'default')?.trim();
  if (wanted) {
    const found = all.find((o) => attr(o, 'identifier')?.trim() === wanted);
    if (!found) throw new ScormPackageError('default-organisation-missing', { id: wanted });
    return found;
  }
  const first = all[0];
  if (!first) throw new ScormPackageError('no-organisation');
  return first;
}

const TIME_LIMIT_ACTIONS: readonly TimeLimitAction[] = [
  'exit,message',
  'exit,no message',
  'continue,message',
  'continue,no message',
];

function timeLimitActionOf(el: XmlElement | undefined): TimeLimitAction | null {
  const written = textOf(el)
    ?.toLowerCase()
    .replace(/\s*,\s*/, ',')
    .replace(/\s+/g, ' ');
  return TIME_LIMIT_ACTIONS.find((a) => a === written) ?? null;
}

function numberOf(el: XmlElement | undefined, min: number, max: number): number | null {
  const text = textOf(el);
  const n = Number(text);
  return text !== undefined && Number.isFinite(n) && n >= min && n <= max ? n : null;
}

interface Context {
  version: ScormVersion;
  files: ReadonlySet<string>;
  manifestBase: string | undefined;
  resourcesBase: string | undefined;
  resources: Map<string, Resource>;
  collections: Map<string, XmlElement>;
  ids: Set<string>;
}

/** The item's launch URL, checked: inside the package, and its file present. */
function launchOf(ctx: Context, itemId: string, resource: Resource, parameters: string | null): string {
  if (!resource.href) throw new ScormPackageError('resource-no-href', { item: itemId, resource: resource.identifier });
  const resolved = resolveLaunch([ctx.manifestBase, ctx.resourcesBase, resource.base], resource.href);
  if ('external' in resolved) throw new ScormPackageError('external-launch', { item: itemId, url: resolved.external });
  const file = launchFile(resolved);
  if (!ctx.files.has(file)) throw new ScormPackageError('launch-missing', { item: itemId, path: file });
  return formatUrl(appendParameters(resolved, parameters));
}

interface Built {
  item: ScormItem;
  activity: ActivitySettings;
}

function buildItem(ctx: Context, el: XmlElement): Built {
  const identifier = required(el, 'identifier');
  if (ctx.ids.has(identifier)) throw new ScormPackageError('duplicate-identifier', { id: identifier });
  ctx.ids.add(identifier);
  const title = textOf(child(el, 'cp', 'title')) ?? identifier;
  const built = children(el, 'cp', 'item').map((c) => buildItem(ctx, c));
  const is2004 = ctx.version !== '1.2';
  // A 2004 cluster delivers no content (CAM): a resource on it is ignored, as the sequencer would.
  const ref = built.length > 0 && is2004 ? undefined : attr(el, 'identifierref')?.trim() || undefined;
  const resource = ref === undefined ? undefined : ctx.resources.get(ref);
  if (ref !== undefined && !resource) throw new ScormPackageError('resource-missing', { item: identifier, ref });
  const parameters = attr(el, 'parameters')?.trim() || null;
  const launch = resource ? launchOf(ctx, identifier, resource, parameters) : null;
  // SCORM 1.2 has no sequencing: its items need no activity (and are not checked as one).
  const activity: ActivitySettings = is2004
    ? activitySettings(el, identifier, title, ctx.collections, built.length > 0)
    : { id: identifier, title };
  if (built.length > 0) activity.children = built.map((b) => b.activity);
  const adlcp = (name: string) => child(el, 'adlcp', name);
  const primary = activity.primaryObjective;
  const threshold = activity.completionThreshold;
  const item: ScormItem = {
    identifier,
    title,
    isVisible: attr(el, 'isvisible')?.trim().toLowerCase() !== 'false',
    resourceId: resource?.identifier ?? null,
    scormType: resource?.scormType ?? null,
    launch,
    parameters,
    masteryScore: is2004 ? null : numberOf(adlcp('masteryscore'), 0, 100),
    dataFromLms: textOf(adlcp('dataFromLMS')) ?? null,
    maxTimeAllowed: (is2004 ? activity.attemptAbsoluteDurationLimit : textOf(adlcp('maxtimeallowed'))) ?? null,
    timeLimitAction: timeLimitActionOf(adlcp('timeLimitAction')),
    prerequisites: is2004 ? null : (textOf(adlcp('prerequisites')) ?? null),
    // Completion by measure without a threshold uses the IMS default threshold, 1.0.
    completionThreshold: threshold ? (threshold.minProgressMeasure ?? (threshold.completedByMeasure ? 1 : null)) : null,
    minNormalizedMeasure: primary?.satisfiedByMeasure ? (primary.minNormalizedMeasure ?? null) : null,
    objectiveIds: [...new Set([primary, ...(activity.objectives ?? [])].flatMap((o) => (o ? [o.objectiveID] : [])))],
    children: built.map((b) => b.item),
  };
  return { item, activity };
}

const launchable = (items: ScormItem[]): boolean => items.some((i) => i.launch !== null || launchable(i.children));

/** Whether an element or any element below it is an `imsss:sequencing`. */
function declaresSequencing(el: XmlElement): boolean {
  return (el.ns === 'imsss' && el.name === 'sequencing') || el.children.some(declaresSequencing);
}

/**
 * Parses and validates `imsmanifest.xml` (see ScormManifest for what comes out). `files` are
 * the package's file paths (`/`-separated, from its root): every launch file must be one of them.
 * Refuses, with a ScormPackageError: a DOCTYPE or entity, XML that is not well-formed, an
 * unknown SCORM version, a missing or wrong default organisation, an item whose resource is
 * missing, a launch URL leaving the package or naming a missing file, invalid sequencing values,
 * duplicate identifiers, and an organisation with nothing to launch.
 */
export function parseManifest(xml: string, files: ReadonlySet<string>): ScormManifest {
  const { root, namespaceUris } = parseXml(xml);
  if (root.name !== 'manifest') throw new ScormPackageError('not-a-manifest', { root: root.name });
  const version = versionOf(root, namespaceUris);
  const { base: resourcesBase, byId } = resourcesOf(root);
  const org = organisationOf(root);
  const orgId = required(org, 'identifier');
  // Activity ids (the organisation's and its items') must be unique: they key the sequencing tree.
  const ids = new Set([orgId]);
  const ctx: Context = {
    version,
    files,
    manifestBase: attr(root, 'xml:base'),
    resourcesBase,
    resources: byId,
    collections: version === '1.2' ? new Map() : sequencingCollections(root),
    ids,
  };
  const built = children(org, 'cp', 'item').map((el) => buildItem(ctx, el));
  const items = built.map((b) => b.item);
  if (!launchable(items)) throw new ScormPackageError('empty-organisation', { id: orgId });
  const title = textOf(child(org, 'cp', 'title')) ?? orgId;
  let sequencing: ScormManifest['sequencing'] = null;
  // A 2004 package that declares no sequencing at all is played like a 1.2 one (outline, previous
  // and next), as LMSs do: the spec's defaults (flow off) would leave its learner only the outline.
  if (version !== '1.2' && declaresSequencing(org)) {
    const activityTree = activitySettings(org, orgId, title, ctx.collections, true);
    activityTree.children = built.map((b) => b.activity);
    sequencing = { activityTree, collections: collectionSettings(ctx.collections) };
  }
  return {
    version,
    identifier: attr(root, 'identifier')?.trim() ?? '',
    organisation: { identifier: orgId, title },
    items,
    sequencing,
  };
}
