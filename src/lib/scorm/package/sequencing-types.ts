// Structural copies of the parts of scorm-again's sequencing settings that the importer fills
// (node_modules/scorm-again/dist/types/types/sequencing_types.d.ts, 3.4.x). scorm-again does not
// export these types from its entry points, and it declares the vocabularies as TypeScript enums:
// here they are string literal unions with the same values. A TS string enum does not accept a
// string literal, so handing these objects to scorm-again's typed `Settings` needs a cast.

/** RuleConditionOperator ("not"; "and"/"or" only as a rule's condition combination). */
export type RuleConditionOperator = 'not' | 'and' | 'or';

/** RuleConditionType: the IMS SS rule conditions (plus scorm-again's aliases). */
export type RuleConditionType =
  | 'satisfied'
  | 'objectiveSatisfied'
  | 'objectiveStatusKnown'
  | 'objectiveMeasureKnown'
  | 'objectiveMeasureGreaterThan'
  | 'objectiveMeasureLessThan'
  | 'completed'
  | 'activityCompleted'
  | 'progressKnown'
  | 'activityProgressKnown'
  | 'attempted'
  | 'attemptLimitExceeded'
  | 'timeLimitExceeded'
  | 'outsideAvailableTimeRange'
  | 'always'
  | 'never';

/** RuleActionType: pre-condition, exit and post-condition actions. */
export type RuleActionType =
  | 'skip'
  | 'disabled'
  | 'hiddenFromChoice'
  | 'stopForwardTraversal'
  | 'exitParent'
  | 'exitAll'
  | 'retry'
  | 'retryAll'
  | 'continue'
  | 'previous'
  | 'exit';

export type RollupActionType = 'satisfied' | 'notSatisfied' | 'completed' | 'incomplete';

/** RollupConditionType: note "progressKnown" where IMS writes "activityProgressKnown". */
export type RollupConditionType =
  | 'satisfied'
  | 'objectiveStatusKnown'
  | 'objectiveMeasureKnown'
  | 'objectiveMeasureGreaterThan'
  | 'objectiveMeasureLessThan'
  | 'completed'
  | 'progressKnown'
  | 'attempted'
  | 'attemptLimitExceeded'
  | 'notAttempted'
  | 'always';

export type RollupConditionOperator = 'noOp' | 'not';
export type RollupConditionCombination = 'all' | 'any';
/** A rollup rule's child activity set. */
export type RollupConsiderationType = 'all' | 'any' | 'none' | 'atLeastCount' | 'atLeastPercent';
export type SelectionTiming = 'never' | 'once' | 'onEachNewAttempt';
export type RandomizationTiming = 'never' | 'once' | 'onEachNewAttempt';

/** adlnav:hideLMSUI tokens (HIDE_LMS_UI_TOKENS). */
export type HideLmsUiItem = 'continue' | 'previous' | 'exit' | 'exitAll' | 'abandon' | 'abandonAll' | 'suspendAll';

export type AdlRollupConsiderationRequirement = 'always' | 'ifAttempted' | 'ifNotSkipped' | 'ifNotSuspended';

export interface AdlRollupConsiderationsSettings {
  requiredForSatisfied?: AdlRollupConsiderationRequirement;
  requiredForNotSatisfied?: AdlRollupConsiderationRequirement;
  requiredForCompleted?: AdlRollupConsiderationRequirement;
  requiredForIncomplete?: AdlRollupConsiderationRequirement;
  measureSatisfactionIfActive?: boolean;
}

export interface CompletionThresholdSettings {
  completedByMeasure?: boolean;
  minProgressMeasure?: number;
  progressWeight?: number;
}

export interface DeliveryControlsSettings {
  tracked?: boolean;
  completionSetByContent?: boolean;
  objectiveSetByContent?: boolean;
}

/** SCORM 2004 4th edition `adlcp:data/adlcp:map`. */
export interface SharedDataMapSettings {
  targetID: string;
  readSharedData?: boolean;
  writeSharedData?: boolean;
}

/** `imsss:mapInfo`, merged with the 4th edition's `adlseq:mapInfo` for the same target. */
export interface ObjectiveMapInfoSettings {
  targetObjectiveID: string;
  readSatisfiedStatus?: boolean;
  readNormalizedMeasure?: boolean;
  writeSatisfiedStatus?: boolean;
  writeNormalizedMeasure?: boolean;
  readCompletionStatus?: boolean;
  writeCompletionStatus?: boolean;
  readProgressMeasure?: boolean;
  writeProgressMeasure?: boolean;
  readRawScore?: boolean;
  writeRawScore?: boolean;
  readMinScore?: boolean;
  writeMinScore?: boolean;
  readMaxScore?: boolean;
  writeMaxScore?: boolean;
}

export interface ObjectiveSettings {
  objectiveID: string;
  isPrimary?: boolean;
  satisfiedByMeasure?: boolean;
  minNormalizedMeasure?: number | null;
  mapInfo?: ObjectiveMapInfoSettings[];
}

export interface RuleConditionSettings {
  condition: RuleConditionType;
  operator?: RuleConditionOperator;
  referencedObjective?: string;
  /** `threshold` carries `measureThreshold` for the measure comparisons. */
  parameters?: Record<string, number>;
}

export interface SequencingRuleSettings {
  action: RuleActionType;
  conditionCombination?: RuleConditionOperator | 'all' | 'any';
  conditions: RuleConditionSettings[];
}

export interface SequencingRulesSettings {
  preConditionRules?: SequencingRuleSettings[];
  exitConditionRules?: SequencingRuleSettings[];
  postConditionRules?: SequencingRuleSettings[];
}

export interface SequencingControlsSettings {
  choice?: boolean;
  choiceExit?: boolean;
  flow?: boolean;
  forwardOnly?: boolean;
  useCurrentAttemptObjectiveInfo?: boolean;
  useCurrentAttemptProgressInfo?: boolean;
  preventActivation?: boolean;
  constrainChoice?: boolean;
  rollupObjectiveSatisfied?: boolean;
  rollupProgressCompletion?: boolean;
  objectiveMeasureWeight?: number;
  selectionTiming?: SelectionTiming;
  selectCount?: number | null;
  /** IMS `randomizationControls@reorderChildren` (scorm-again's own `reorderChildren` is state). */
  randomizeChildren?: boolean;
  randomizationTiming?: RandomizationTiming;
  /** Delivery controls: scorm-again applies them to the same controls object. */
  tracked?: boolean;
  completionSetByContent?: boolean;
  objectiveSetByContent?: boolean;
}

export interface RollupConditionSettings {
  condition: RollupConditionType;
  operator?: RollupConditionOperator;
  parameters?: Record<string, number>;
}

export interface RollupRuleSettings {
  action: RollupActionType;
  conditionCombination?: RollupConditionCombination;
  consideration?: RollupConsiderationType;
  minimumCount?: number;
  /** 0–100 in scorm-again (IMS writes a fraction 0–1). */
  minimumPercent?: number;
  conditions: RollupConditionSettings[];
}

export interface RollupRulesSettings {
  rules: RollupRuleSettings[];
}

/** One activity of the tree: the organisation (root) or an item. */
export interface ActivitySettings {
  id: string;
  title: string;
  children?: ActivitySettings[];
  isVisible?: boolean;
  attemptLimit?: number | null;
  attemptAbsoluteDurationLimit?: string | null;
  timeLimitAction?: string | null;
  primaryObjective?: ObjectiveSettings;
  objectives?: ObjectiveSettings[];
  sequencingRules?: SequencingRulesSettings;
  sequencingControls?: SequencingControlsSettings;
  deliveryControls?: DeliveryControlsSettings;
  rollupRules?: RollupRulesSettings;
  rollupConsiderations?: AdlRollupConsiderationsSettings;
  completionThreshold?: CompletionThresholdSettings;
  hideLmsUi?: HideLmsUiItem[];
  sharedDataMaps?: SharedDataMapSettings[];
}

/** One `imsss:sequencingCollection/imsss:sequencing` entry. */
export interface SequencingCollectionSettings {
  id?: string;
  primaryObjective?: ObjectiveSettings;
  objectives?: ObjectiveSettings[];
  sequencingControls?: SequencingControlsSettings;
  sequencingRules?: SequencingRulesSettings;
  rollupRules?: RollupRulesSettings;
  rollupConsiderations?: AdlRollupConsiderationsSettings;
}
