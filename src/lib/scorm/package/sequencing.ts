import { ScormPackageError } from './errors.ts';
import type {
  ActivitySettings,
  AdlRollupConsiderationRequirement,
  AdlRollupConsiderationsSettings,
  CompletionThresholdSettings,
  DeliveryControlsSettings,
  HideLmsUiItem,
  ObjectiveMapInfoSettings,
  ObjectiveSettings,
  RollupConditionSettings,
  RollupRuleSettings,
  RollupRulesSettings,
  RuleActionType,
  RuleConditionSettings,
  RuleConditionType,
  SequencingCollectionSettings,
  SequencingControlsSettings,
  SequencingRuleSettings,
  SequencingRulesSettings,
  SharedDataMapSettings,
} from './sequencing-types.ts';
import { attr, child, children, textOf, type XmlElement } from './xml.ts';

// SCORM 2004 sequencing (IMS Simple Sequencing with ADL's extensions) read from the manifest
// into scorm-again's ActivitySettings. Values are checked against the IMS vocabularies: a rule
// with a misspelt condition would silently change how a course flows, so it is refused instead.

/** Reads values of one sequencing definition, naming the activity when one is wrong. */
class Reader {
  readonly activity: string;

  constructor(activity: string) {
    this.activity = activity;
  }

  invalid(attribute: string, value: string): never {
    throw new ScormPackageError('invalid-sequencing', { item: this.activity, attribute, value });
  }

  bool(el: XmlElement | undefined, name: string): boolean | undefined {
    const v = attr(el, name)?.trim().toLowerCase();
    if (v === undefined) return undefined;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    return this.invalid(name, v);
  }

  number(el: XmlElement | undefined, name: string, min: number, max: number, integer = false): number | undefined {
    const v = attr(el, name)?.trim();
    return v === undefined ? undefined : this.parseNumber(name, v, min, max, integer);
  }

  parseNumber(name: string, v: string, min: number, max: number, integer = false): number {
    const n = Number(v);
    if (v === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      return this.invalid(name, v);
    }
    return n;
  }

  oneOf<T extends string>(el: XmlElement | undefined, name: string, values: readonly T[]): T | undefined {
    const v = attr(el, name)?.trim();
    if (v === undefined) return undefined;
    return values.includes(v as T) ? (v as T) : this.invalid(name, v);
  }
}

/** T with every property optional and possibly undefined: what is read before `defined` drops the gaps. */
type Loose<T> = { [K in keyof T]?: T[K] | undefined };

/** Copies only the values that are defined, so scorm-again's own defaults apply to the rest. */
function defined<T extends object>(values: Loose<T>): T {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as T;
}

const isEmpty = (o: object) => Object.keys(o).length === 0;

/** `imsss:sequencingCollection/imsss:sequencing` entries by their ID. */
export function sequencingCollections(manifest: XmlElement): Map<string, XmlElement> {
  const entries = new Map<string, XmlElement>();
  for (const collection of children(manifest, 'imsss', 'sequencingCollection')) {
    for (const seq of children(collection, 'imsss', 'sequencing')) {
      const id = attr(seq, 'ID')?.trim();
      if (id) entries.set(id, seq);
    }
  }
  return entries;
}

/**
 * The sequencing that applies to an item or organisation: its own `imsss:sequencing`, and for
 * each element it does not define itself (controlMode, sequencingRules, objectives, …) the one
 * of the collection entry its `IDRef` names — the local definition wins element by element.
 */
export function effectiveSequencing(
  owner: XmlElement,
  ownerId: string,
  collections: ReadonlyMap<string, XmlElement>,
): XmlElement | undefined {
  const own = child(owner, 'imsss', 'sequencing');
  const ref = attr(own, 'IDRef')?.trim();
  if (!own || !ref) return own;
  const shared = collections.get(ref);
  if (!shared) throw new ScormPackageError('invalid-sequencing', { item: ownerId, attribute: 'IDRef', value: ref });
  const defines = new Set(own.children.map((c) => `${c.ns}:${c.name}`));
  return { ...own, children: [...own.children, ...shared.children.filter((c) => !defines.has(`${c.ns}:${c.name}`))] };
}

function controlMode(r: Reader, seq: XmlElement | undefined, isCluster: boolean): SequencingControlsSettings {
  const mode = child(seq, 'imsss', 'controlMode');
  const rollup = child(seq, 'imsss', 'rollupRules');
  const random = child(seq, 'imsss', 'randomizationControls');
  const constrained = child(seq, 'adlseq', 'constrainedChoiceConsiderations');
  const flow = r.bool(mode, 'flow');
  return defined<SequencingControlsSettings>({
    choice: r.bool(mode, 'choice'),
    choiceExit: r.bool(mode, 'choiceExit'),
    // IMS SS: flow defaults to false, scorm-again's default is true; say it for every cluster
    // (a leaf's own flow is never consulted: traversal reads the parent's).
    flow: isCluster ? (flow ?? false) : flow,
    forwardOnly: r.bool(mode, 'forwardOnly'),
    useCurrentAttemptObjectiveInfo: r.bool(mode, 'useCurrentAttemptObjectiveInfo'),
    useCurrentAttemptProgressInfo: r.bool(mode, 'useCurrentAttemptProgressInfo'),
    preventActivation: r.bool(constrained, 'preventActivation'),
    constrainChoice: r.bool(constrained, 'constrainChoice'),
    rollupObjectiveSatisfied: r.bool(rollup, 'rollupObjectiveSatisfied'),
    rollupProgressCompletion: r.bool(rollup, 'rollupProgressCompletion'),
    objectiveMeasureWeight: r.number(rollup, 'objectiveMeasureWeight', 0, 1),
    selectionTiming: r.oneOf(random, 'selectionTiming', TIMINGS),
    selectCount: r.number(random, 'selectCount', 0, Number.MAX_SAFE_INTEGER, true),
    randomizeChildren: r.bool(random, 'reorderChildren'),
    randomizationTiming: r.oneOf(random, 'randomizationTiming', TIMINGS),
  });
}

const TIMINGS = ['never', 'once', 'onEachNewAttempt'] as const;

const RULE_CONDITIONS: readonly RuleConditionType[] = [
  'satisfied',
  'objectiveStatusKnown',
  'objectiveMeasureKnown',
  'objectiveMeasureGreaterThan',
  'objectiveMeasureLessThan',
  'completed',
  'activityProgressKnown',
  'attempted',
  'attemptLimitExceeded',
  'timeLimitExceeded',
  'outsideAvailableTimeRange',
  'always',
];

const PRE_ACTIONS: readonly RuleActionType[] = ['skip', 'disabled', 'hiddenFromChoice', 'stopForwardTraversal'];
const EXIT_ACTIONS: readonly RuleActionType[] = ['exit'];
const POST_ACTIONS: readonly RuleActionType[] = ['exitParent', 'exitAll', 'retry', 'retryAll', 'continue', 'previous'];

function rule(r: Reader, el: XmlElement, actions: readonly RuleActionType[]): SequencingRuleSettings {
  const conditionsEl = child(el, 'imsss', 'ruleConditions');
  const action = r.oneOf(child(el, 'imsss', 'ruleAction'), 'action', actions);
  if (!action) return r.invalid('action', '');
  const conditions = children(conditionsEl, 'imsss', 'ruleCondition').map((c): RuleConditionSettings => {
    const condition = r.oneOf(c, 'condition', RULE_CONDITIONS);
    if (!condition) return r.invalid('condition', '');
    const threshold = r.number(c, 'measureThreshold', -1, 1);
    const operator = r.oneOf(c, 'operator', ['noOp', 'not'] as const);
    return defined<RuleConditionSettings>({
      condition,
      operator: operator === 'not' ? ('not' as const) : undefined,
      referencedObjective: attr(c, 'referencedObjective')?.trim() || undefined,
      parameters: threshold === undefined ? undefined : { threshold },
    });
  });
  // IMS SS: a rule's conditions combine with "all" unless it says otherwise.
  const conditionCombination = r.oneOf(conditionsEl, 'conditionCombination', ['all', 'any'] as const) ?? 'all';
  return { action, conditionCombination, conditions };
}

function sequencingRules(r: Reader, seq: XmlElement | undefined): SequencingRulesSettings | undefined {
  const rules = child(seq, 'imsss', 'sequencingRules');
  if (!rules) return undefined;
  const list = (name: string, actions: readonly RuleActionType[]) => {
    const found = children(rules, 'imsss', name).map((el) => rule(r, el, actions));
    return found.length > 0 ? found : undefined;
  };
  return defined<SequencingRulesSettings>({
    preConditionRules: list('preConditionRule', PRE_ACTIONS),
    exitConditionRules: list('exitConditionRule', EXIT_ACTIONS),
    postConditionRules: list('postConditionRule', POST_ACTIONS),
  });
}

const ROLLUP_CONDITIONS = [
  'satisfied',
  'objectiveStatusKnown',
  'objectiveMeasureKnown',
  'completed',
  'activityProgressKnown',
  'attempted',
  'attemptLimitExceeded',
  'timeLimitExceeded',
  'outsideAvailableTimeRange',
] as const;

function rollupCondition(r: Reader, c: XmlElement): RollupConditionSettings {
  const condition = r.oneOf(c, 'condition', ROLLUP_CONDITIONS);
  if (!condition) return r.invalid('condition', '');
  const not = r.oneOf(c, 'operator', ['noOp', 'not'] as const) === 'not';
  // scorm-again evaluates no time limits in rollup: it takes them as false (its default case,
  // for a name it does not know). "always" negated says the same in its own vocabulary.
  if (condition === 'timeLimitExceeded' || condition === 'outsideAvailableTimeRange') {
    return not ? { condition: 'always' } : { condition: 'always', operator: 'not' };
  }
  // IMS writes "activityProgressKnown"; scorm-again's rollup calls it "progressKnown".
  const named = condition === 'activityProgressKnown' ? 'progressKnown' : condition;
  return not ? { condition: named, operator: 'not' } : { condition: named };
}

function rollupRules(r: Reader, seq: XmlElement | undefined): RollupRulesSettings | undefined {
  const rules = children(child(seq, 'imsss', 'rollupRules'), 'imsss', 'rollupRule').map((el): RollupRuleSettings => {
    const conditionsEl = child(el, 'imsss', 'rollupConditions');
    const action = r.oneOf(child(el, 'imsss', 'rollupAction'), 'action', [
      'satisfied',
      'notSatisfied',
      'completed',
      'incomplete',
    ] as const);
    if (!action) return r.invalid('action', '');
    const percent = r.number(el, 'minimumPercent', 0, 1);
    return defined<RollupRuleSettings>({
      action,
      // IMS SS defaults: every child counts ("all"), conditions combine with "any".
      consideration:
        r.oneOf(el, 'childActivitySet', ['all', 'any', 'none', 'atLeastCount', 'atLeastPercent'] as const) ?? 'all',
      minimumCount: r.number(el, 'minimumCount', 0, Number.MAX_SAFE_INTEGER, true),
      // IMS writes a fraction (0.5); scorm-again compares with a percentage (50).
      minimumPercent: percent === undefined ? undefined : Math.round(percent * 10000) / 100,
      conditionCombination: r.oneOf(conditionsEl, 'conditionCombination', ['all', 'any'] as const) ?? 'any',
      conditions: children(conditionsEl, 'imsss', 'rollupCondition').map((c) => rollupCondition(r, c)),
    });
  });
  return rules.length > 0 ? { rules } : undefined;
}

function mapInfo(r: Reader, el: XmlElement): ObjectiveMapInfoSettings | undefined {
  const target = attr(el, 'targetObjectiveID')?.trim();
  if (!target) return undefined;
  return defined<ObjectiveMapInfoSettings>({
    targetObjectiveID: target,
    readSatisfiedStatus: r.bool(el, 'readSatisfiedStatus'),
    readNormalizedMeasure: r.bool(el, 'readNormalizedMeasure'),
    writeSatisfiedStatus: r.bool(el, 'writeSatisfiedStatus'),
    writeNormalizedMeasure: r.bool(el, 'writeNormalizedMeasure'),
  });
}

/** SCORM 2004 4th edition: `adlseq:mapInfo` maps completion, progress and raw/min/max scores. */
function extendedMapInfo(r: Reader, el: XmlElement): ObjectiveMapInfoSettings | undefined {
  const target = attr(el, 'targetObjectiveID')?.trim();
  if (!target) return undefined;
  const flags = ['RawScore', 'MinScore', 'MaxScore', 'CompletionStatus', 'ProgressMeasure'];
  const entries = flags.flatMap((f) => [`read${f}`, `write${f}`]).map((name) => [name, r.bool(el, name)]);
  return defined<ObjectiveMapInfoSettings>({ targetObjectiveID: target, ...Object.fromEntries(entries) });
}

function objective(r: Reader, el: XmlElement, isPrimary: boolean): ObjectiveSettings | undefined {
  const id = attr(el, 'objectiveID')?.trim();
  // An objective without an ID (allowed for the primary one) has nothing for scorm-again to hold
  // it by: the activity's own status stands for it.
  if (!id) return undefined;
  const satisfiedByMeasure = r.bool(el, 'satisfiedByMeasure');
  const measure = textOf(child(el, 'imsss', 'minNormalizedMeasure'));
  const maps = children(el, 'imsss', 'mapInfo')
    .map((m) => mapInfo(r, m))
    .filter((m) => m !== undefined);
  return defined<ObjectiveSettings>({
    objectiveID: id,
    isPrimary: isPrimary || undefined,
    satisfiedByMeasure,
    // IMS SS default 1.0, which only matters when the objective is satisfied by measure.
    minNormalizedMeasure:
      measure !== undefined
        ? r.parseNumber('minNormalizedMeasure', measure, -1, 1)
        : satisfiedByMeasure
          ? 1
          : undefined,
    mapInfo: maps.length > 0 ? maps : undefined,
  });
}

interface Objectives {
  primaryObjective?: ObjectiveSettings;
  objectives?: ObjectiveSettings[];
}

function objectives(r: Reader, seq: XmlElement | undefined): Objectives {
  const el = child(seq, 'imsss', 'objectives');
  const primaryEl = child(el, 'imsss', 'primaryObjective');
  const primaryObjective = primaryEl ? objective(r, primaryEl, true) : undefined;
  const others = children(el, 'imsss', 'objective')
    .map((o) => objective(r, o, false))
    .filter((o) => o !== undefined);
  // 4th edition extended maps join the objective of the same ID (one mapInfo per target).
  const all = [primaryObjective, ...others].filter((o) => o !== undefined);
  for (const extended of children(child(seq, 'adlseq', 'objectives'), 'adlseq', 'objective')) {
    const target = all.find((o) => o.objectiveID === attr(extended, 'objectiveID')?.trim());
    if (!target) continue;
    for (const m of children(extended, 'adlseq', 'mapInfo')) {
      const info = extendedMapInfo(r, m);
      if (!info) continue;
      target.mapInfo ??= [];
      const same = target.mapInfo.find((x) => x.targetObjectiveID === info.targetObjectiveID);
      if (same) Object.assign(same, info);
      // Only the extended data maps to this target: keep scorm-again from also reading status.
      else target.mapInfo.push({ readSatisfiedStatus: false, readNormalizedMeasure: false, ...info });
    }
  }
  return defined<Objectives>({ primaryObjective, objectives: others.length > 0 ? others : undefined });
}

const REQUIREMENTS: readonly AdlRollupConsiderationRequirement[] = [
  'always',
  'ifAttempted',
  'ifNotSkipped',
  'ifNotSuspended',
];

function rollupConsiderations(r: Reader, seq: XmlElement | undefined): AdlRollupConsiderationsSettings | undefined {
  const el = child(seq, 'adlseq', 'rollupConsiderations');
  if (!el) return undefined;
  const found = defined<AdlRollupConsiderationsSettings>({
    requiredForSatisfied: r.oneOf(el, 'requiredForSatisfied', REQUIREMENTS),
    requiredForNotSatisfied: r.oneOf(el, 'requiredForNotSatisfied', REQUIREMENTS),
    requiredForCompleted: r.oneOf(el, 'requiredForCompleted', REQUIREMENTS),
    requiredForIncomplete: r.oneOf(el, 'requiredForIncomplete', REQUIREMENTS),
    measureSatisfactionIfActive: r.bool(el, 'measureSatisfactionIfActive'),
  });
  return isEmpty(found) ? undefined : found;
}

function deliveryControls(r: Reader, seq: XmlElement | undefined): DeliveryControlsSettings | undefined {
  const el = child(seq, 'imsss', 'deliveryControls');
  const found = defined<DeliveryControlsSettings>({
    tracked: r.bool(el, 'tracked'),
    completionSetByContent: r.bool(el, 'completionSetByContent'),
    objectiveSetByContent: r.bool(el, 'objectiveSetByContent'),
  });
  return isEmpty(found) ? undefined : found;
}

/**
 * `adlcp:completionThreshold`: 3rd/4th edition attributes (completedByMeasure, minProgressMeasure,
 * progressWeight) or the 2nd edition's number as text (the threshold itself, so by measure).
 */
function completionThreshold(item: XmlElement, itemId: string): CompletionThresholdSettings | undefined {
  const el = child(item, 'adlcp', 'completionThreshold');
  if (!el) return undefined;
  const r = new Reader(itemId);
  const text = textOf(el);
  const found = defined<CompletionThresholdSettings>({
    completedByMeasure: r.bool(el, 'completedByMeasure') ?? (text !== undefined ? true : undefined),
    minProgressMeasure:
      r.number(el, 'minProgressMeasure', 0, 1) ??
      (text !== undefined ? r.parseNumber('completionThreshold', text, 0, 1) : undefined),
    progressWeight: r.number(el, 'progressWeight', 0, 1),
  });
  return isEmpty(found) ? undefined : found;
}

const HIDE_TOKENS: readonly HideLmsUiItem[] = [
  'continue',
  'previous',
  'exit',
  'exitAll',
  'abandon',
  'abandonAll',
  'suspendAll',
];

function hideLmsUi(item: XmlElement): HideLmsUiItem[] | undefined {
  const nav = child(child(item, 'adlnav', 'presentation'), 'adlnav', 'navigationInterface');
  const tokens = children(nav, 'adlnav', 'hideLMSUI')
    .map((el) => textOf(el))
    .filter((t): t is HideLmsUiItem => HIDE_TOKENS.includes(t as HideLmsUiItem));
  return tokens.length > 0 ? [...new Set(tokens)] : undefined;
}

function sharedDataMaps(r: Reader, item: XmlElement): SharedDataMapSettings[] | undefined {
  const maps = children(child(item, 'adlcp', 'data'), 'adlcp', 'map').flatMap((m): SharedDataMapSettings[] => {
    const targetID = attr(m, 'targetID')?.trim();
    if (!targetID) return [];
    return [
      defined<SharedDataMapSettings>({
        targetID,
        readSharedData: r.bool(m, 'readSharedData'),
        writeSharedData: r.bool(m, 'writeSharedData'),
      }),
    ];
  });
  return maps.length > 0 ? maps : undefined;
}

type CommonSettings = Pick<
  SequencingCollectionSettings,
  'primaryObjective' | 'objectives' | 'sequencingControls' | 'sequencingRules' | 'rollupRules' | 'rollupConsiderations'
>;

/** The sequencing parts shared by activities and collection entries. */
function common(r: Reader, seq: XmlElement | undefined, isCluster: boolean): CommonSettings {
  const controls = controlMode(r, seq, isCluster);
  return defined<CommonSettings>({
    ...objectives(r, seq),
    sequencingControls: isEmpty(controls) ? undefined : controls,
    sequencingRules: sequencingRules(r, seq),
    rollupRules: rollupRules(r, seq),
    rollupConsiderations: rollupConsiderations(r, seq),
  });
}

/**
 * One activity of scorm-again's tree (without children) for an `<organization>` or `<item>`:
 * its effective sequencing (see effectiveSequencing), limits, completion threshold, time limit
 * action, hidden LMS controls and shared data maps. Collections are resolved here, so the tree
 * never needs scorm-again's `sequencingIdRef`.
 */
export function activitySettings(
  owner: XmlElement,
  id: string,
  title: string,
  collections: ReadonlyMap<string, XmlElement>,
  isCluster: boolean,
): ActivitySettings {
  const r = new Reader(id);
  const seq = effectiveSequencing(owner, id, collections);
  const limits = child(seq, 'imsss', 'limitConditions');
  // attemptLimit 0 means "no limit" (IMS SS); scorm-again would read it as "no attempt allowed".
  const attemptLimit = r.number(limits, 'attemptLimit', 0, Number.MAX_SAFE_INTEGER, true);
  const duration = attr(limits, 'attemptAbsoluteDurationLimit')?.trim();
  const isVisible = r.bool(owner, 'isvisible');
  return defined<ActivitySettings>({
    id,
    title,
    isVisible: isVisible === false ? false : undefined,
    ...common(r, seq, isCluster),
    deliveryControls: deliveryControls(r, seq),
    attemptLimit: attemptLimit ? attemptLimit : undefined,
    attemptAbsoluteDurationLimit: duration || undefined,
    timeLimitAction: textOf(child(owner, 'adlcp', 'timeLimitAction')),
    completionThreshold: completionThreshold(owner, id),
    hideLmsUi: hideLmsUi(owner),
    sharedDataMaps: sharedDataMaps(r, owner),
  });
}

/** The collection entries as scorm-again's SequencingCollectionSettings (for reference: the tree has them resolved). */
export function collectionSettings(
  collections: ReadonlyMap<string, XmlElement>,
): Record<string, SequencingCollectionSettings> {
  const out: Record<string, SequencingCollectionSettings> = {};
  for (const [id, seq] of collections) {
    const r = new Reader(id);
    const settings: SequencingCollectionSettings = { id, ...common(r, seq, false) };
    const delivery = deliveryControls(r, seq);
    if (delivery) settings.sequencingControls = { ...settings.sequencingControls, ...delivery };
    out[id] = settings;
  }
  return out;
}
