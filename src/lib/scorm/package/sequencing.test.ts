import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as scorm2004 from 'scorm-again/scorm2004';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ScormPackageError } from './errors.ts';
import { importPackageFile } from './import-package.ts';
import { parseManifest } from './manifest.ts';
import type { ActivitySettings, SequencingCollectionSettings } from './sequencing-types.ts';
import type { ImportedPackage } from './types.ts';

// scorm-again's typings declare a default export; its ESM build exports the class by name.
const { Scorm2004API } = scorm2004 as unknown as { Scorm2004API: typeof scorm2004.default };
type Settings = NonNullable<ConstructorParameters<typeof Scorm2004API>[0]>;

interface Tracked {
  delivered: string[];
  errors: string[];
  api: InstanceType<typeof Scorm2004API>;
}

/** scorm-again's API on our tree, recording which activities sequencing delivers. */
function engine(
  activityTree: ActivitySettings,
  collections: Record<string, SequencingCollectionSettings> = {},
): Tracked {
  const delivered: string[] = [];
  const errors: string[] = [];
  const settings = {
    logLevel: 5,
    sequencing: {
      activityTree,
      collections,
      logLevel: 'error',
      eventListeners: {
        onActivityDelivery: (activity: { id: string }) => delivered.push(activity.id),
        onSequencingError: (error: string) => errors.push(error),
      },
    },
  };
  // Our vocabularies are string unions where scorm-again declares enums: same values, other types.
  const api = new Scorm2004API(settings as unknown as Settings);
  return { delivered, errors, api };
}

interface Node {
  id: string;
  children: Node[];
}

function countActivities(node: Node): number {
  return 1 + node.children.reduce((n, c) => n + countActivities(c), 0);
}

let dir: string;
const packages: Record<string, ImportedPackage> = {};

beforeAll(async () => {
  // scorm-again reports each delivery with console.debug.
  vi.spyOn(console, 'debug').mockImplementation(() => undefined);
  dir = mkdtempSync(join(tmpdir(), 'tilts-scorm-seq-'));
  for (const name of ['golf2004-3rd-seq-simple-remediation', 'golf2004-3rd-multisco-runtime-minimum']) {
    packages[name] = await importPackageFile(`tests/fixtures/scorm/${name}.zip`, join(dir, 'store'));
  }
});

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function treeOf(name: string): ActivitySettings {
  const tree = packages[name]?.manifest.sequencing?.activityTree;
  if (!tree) throw new Error(`no activity tree for ${name}`);
  return tree;
}

describe('the activity tree in scorm-again', () => {
  it('simple remediation: 10 activities; start delivers the first content item, continue the next', () => {
    const { api, delivered, errors } = engine(treeOf('golf2004-3rd-seq-simple-remediation'));
    const state = api.getSequencingState() as { rootActivity: Node | null };
    expect(state.rootActivity?.id).toBe('golf_sample_default_org');
    // organisation + hidden remediation wrapper + 4 content SCOs + 4 tests
    expect(countActivities(state.rootActivity as Node)).toBe(10);
    expect(api.processNavigationRequest('start')).toBe(true);
    expect(delivered).toEqual(['playing_item']);
    expect(api.processNavigationRequest('continue')).toBe(true);
    expect(delivered).toEqual(['playing_item', 'etuqiette_item']);
    expect(errors).toEqual([]);
    expect(api.getActivityTrackingData('playing_item')).not.toBeNull();
  });

  it('simple remediation: the collection rules, objectives and rollup reach each activity', () => {
    const wrapper = treeOf('golf2004-3rd-seq-simple-remediation').children?.[0];
    expect(wrapper?.isVisible).toBe(false);
    expect(wrapper?.sequencingControls).toEqual({ choice: false, choiceExit: false, flow: true });
    expect(wrapper?.sequencingRules?.postConditionRules?.[0]).toEqual({
      action: 'retry',
      conditionCombination: 'any',
      conditions: [
        { condition: 'satisfied', operator: 'not' },
        { condition: 'objectiveStatusKnown', operator: 'not' },
      ],
    });
    const [content, , , , test1, , , test4] = wrapper?.children ?? [];
    expect(content?.sequencingRules?.preConditionRules).toEqual([
      { action: 'skip', conditionCombination: 'all', conditions: [{ condition: 'satisfied' }] },
    ]);
    expect(content?.sequencingControls).toMatchObject({ rollupObjectiveSatisfied: false, objectiveMeasureWeight: 0 });
    expect(content?.deliveryControls).toEqual({ completionSetByContent: true, objectiveSetByContent: true });
    expect(test1?.primaryObjective).toEqual({
      objectiveID: 'learning_objective_satisfied',
      isPrimary: true,
      mapInfo: [
        {
          targetObjectiveID: 'com.scorm.golfsamples.sequencing.simpleremediation.20043rd.playing_satisfied',
          readSatisfiedStatus: true,
          writeSatisfiedStatus: true,
          writeNormalizedMeasure: true,
        },
      ],
    });
    expect(test1?.rollupConsiderations).toEqual({ requiredForCompleted: 'ifNotSkipped' });
    // test_4 has its own sequencingRules: they replace the collection's (the skip rule).
    expect(test4?.sequencingRules).toEqual({
      postConditionRules: [
        { action: 'exitParent', conditionCombination: 'all', conditions: [{ condition: 'always' }] },
      ],
    });
    expect(test4?.rollupConsiderations).toEqual({ requiredForCompleted: 'ifNotSkipped' });
  });

  it('a package that declares no sequencing has no activity tree: it is played like SCORM 1.2', () => {
    // The IMS defaults (flow off) would leave its learner only the outline; LMSs offer previous/next.
    expect(packages['golf2004-3rd-multisco-runtime-minimum']?.manifest.sequencing).toBeNull();
    expect(packages['golf2004-3rd-multisco-runtime-minimum']?.scos).toHaveLength(18);
  });
});

/** A 2004 4th edition manifest with one cluster and two SCOs, the given sequencing inside. */
function manifest(clusterSeq: string, firstSeq: string, extra = ''): string {
  return `<?xml version="1.0"?>
<manifest identifier="m" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3">
  <metadata><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>Org</title>
    <item identifier="cluster"><title>Cluster</title>
      <item identifier="one" identifierref="r"><title>One</title>
        <adlnav:presentation><adlnav:navigationInterface>
          <adlnav:hideLMSUI>continue</adlnav:hideLMSUI><adlnav:hideLMSUI>suspendAll</adlnav:hideLMSUI>
        </adlnav:navigationInterface></adlnav:presentation>
        <adlcp:data><adlcp:map targetID="shared" writeSharedData="true"/></adlcp:data>
        ${firstSeq}
      </item>
      <item identifier="two" identifierref="r"><title>Two</title></item>
      ${clusterSeq}
    </item>
    <imsss:sequencing><imsss:controlMode flow="true"/></imsss:sequencing>
  </organization></organizations>
  <resources><resource identifier="r" adlcp:scormType="sco" href="a.html"/></resources>${extra}
</manifest>`;
}

function tree(xml: string): ActivitySettings {
  const parsed = parseManifest(xml, new Set(['a.html']));
  if (!parsed.sequencing) throw new Error('no sequencing');
  return parsed.sequencing.activityTree;
}

describe('sequencing values', () => {
  const cluster = `<imsss:sequencing>
    <imsss:controlMode choice="false" flow="true" forwardOnly="true"/>
    <imsss:limitConditions attemptLimit="3"/>
    <imsss:rollupRules rollupProgressCompletion="false" objectiveMeasureWeight="0.5">
      <imsss:rollupRule childActivitySet="atLeastPercent" minimumPercent="0.5">
        <imsss:rollupConditions conditionCombination="all">
          <imsss:rollupCondition condition="activityProgressKnown"/>
          <imsss:rollupCondition operator="not" condition="timeLimitExceeded"/>
        </imsss:rollupConditions>
        <imsss:rollupAction action="completed"/>
      </imsss:rollupRule>
      <imsss:rollupRule childActivitySet="atLeastCount" minimumCount="1">
        <imsss:rollupConditions><imsss:rollupCondition condition="satisfied"/></imsss:rollupConditions>
        <imsss:rollupAction action="satisfied"/>
      </imsss:rollupRule>
    </imsss:rollupRules>
    <imsss:randomizationControls randomizationTiming="onEachNewAttempt" selectCount="1" reorderChildren="true" selectionTiming="once"/>
    <adlseq:constrainedChoiceConsiderations preventActivation="true" constrainChoice="true"/>
  </imsss:sequencing>`;
  const first = `<imsss:sequencing>
    <imsss:sequencingRules>
      <imsss:preConditionRule>
        <imsss:ruleConditions conditionCombination="any">
          <imsss:ruleCondition referencedObjective="obj" measureThreshold="0.4" operator="not" condition="objectiveMeasureGreaterThan"/>
          <imsss:ruleCondition condition="attemptLimitExceeded"/>
        </imsss:ruleConditions>
        <imsss:ruleAction action="disabled"/>
      </imsss:preConditionRule>
      <imsss:exitConditionRule>
        <imsss:ruleConditions><imsss:ruleCondition condition="completed"/></imsss:ruleConditions>
        <imsss:ruleAction action="exit"/>
      </imsss:exitConditionRule>
    </imsss:sequencingRules>
    <imsss:objectives>
      <imsss:primaryObjective objectiveID="obj" satisfiedByMeasure="true">
        <imsss:mapInfo targetObjectiveID="global" writeSatisfiedStatus="true"/>
      </imsss:primaryObjective>
    </imsss:objectives>
    <imsss:deliveryControls tracked="true" completionSetByContent="true"/>
    <adlseq:objectives>
      <adlseq:objective objectiveID="obj">
        <adlseq:mapInfo targetObjectiveID="global" writeRawScore="true"/>
        <adlseq:mapInfo targetObjectiveID="scores" readCompletionStatus="true"/>
      </adlseq:objective>
    </adlseq:objectives>
  </imsss:sequencing>`;

  it('maps controls, limits, rollup, randomisation and rules to scorm-again vocabulary', () => {
    const root = tree(manifest(cluster, first));
    expect(root.sequencingControls).toEqual({ flow: true });
    const c = root.children?.[0];
    expect(c?.attemptLimit).toBe(3);
    expect(c?.sequencingControls).toEqual({
      choice: false,
      flow: true,
      forwardOnly: true,
      preventActivation: true,
      constrainChoice: true,
      rollupProgressCompletion: false,
      objectiveMeasureWeight: 0.5,
      selectionTiming: 'once',
      selectCount: 1,
      randomizeChildren: true,
      randomizationTiming: 'onEachNewAttempt',
    });
    expect(c?.rollupRules?.rules).toEqual([
      {
        action: 'completed',
        consideration: 'atLeastPercent',
        minimumPercent: 50,
        conditionCombination: 'all',
        // activityProgressKnown is scorm-again's progressKnown; a time limit is never known to be exceeded.
        conditions: [{ condition: 'progressKnown' }, { condition: 'always' }],
      },
      {
        action: 'satisfied',
        consideration: 'atLeastCount',
        minimumCount: 1,
        conditionCombination: 'any',
        conditions: [{ condition: 'satisfied' }],
      },
    ]);
    const one = c?.children?.[0];
    expect(one?.sequencingRules).toEqual({
      preConditionRules: [
        {
          action: 'disabled',
          conditionCombination: 'any',
          conditions: [
            {
              condition: 'objectiveMeasureGreaterThan',
              operator: 'not',
              referencedObjective: 'obj',
              parameters: { threshold: 0.4 },
            },
            { condition: 'attemptLimitExceeded' },
          ],
        },
      ],
      exitConditionRules: [{ action: 'exit', conditionCombination: 'all', conditions: [{ condition: 'completed' }] }],
    });
    expect(one?.primaryObjective).toEqual({
      objectiveID: 'obj',
      isPrimary: true,
      satisfiedByMeasure: true,
      minNormalizedMeasure: 1,
      mapInfo: [
        { targetObjectiveID: 'global', writeSatisfiedStatus: true, writeRawScore: true },
        {
          targetObjectiveID: 'scores',
          readSatisfiedStatus: false,
          readNormalizedMeasure: false,
          readCompletionStatus: true,
        },
      ],
    });
    expect(one?.deliveryControls).toEqual({ tracked: true, completionSetByContent: true });
    expect(one?.hideLmsUi).toEqual(['continue', 'suspendAll']);
    expect(one?.sharedDataMaps).toEqual([{ targetID: 'shared', writeSharedData: true }]);
    // A leaf without its own controlMode says nothing: scorm-again's defaults stand.
    expect(c?.children?.[1]).toEqual({ id: 'two', title: 'Two' });
  });

  it('is accepted by scorm-again, which starts in the cluster', () => {
    const { api, delivered } = engine(tree(manifest(cluster, first)));
    expect(api.processNavigationRequest('start')).toBe(true);
    // selectCount=1 with selection "once" keeps one of the two SCOs, randomly ordered.
    expect(['one', 'two']).toContain(delivered[0]);
  });

  it('resolves a sequencing collection entry element by element and passes the entries on', () => {
    const collection = `<imsss:sequencingCollection>
      <imsss:sequencing ID="common">
        <imsss:controlMode choice="false" flow="true"/>
        <imsss:deliveryControls objectiveSetByContent="true"/>
      </imsss:sequencing>
    </imsss:sequencingCollection>`;
    const own = '<imsss:sequencing IDRef="common"><imsss:controlMode choice="true"/></imsss:sequencing>';
    const parsed = parseManifest(manifest(own, '', collection), new Set(['a.html']));
    const c = parsed.sequencing?.activityTree.children?.[0];
    // The cluster's own controlMode wins whole (flow back to its default); deliveryControls come from the entry.
    expect(c?.sequencingControls).toEqual({ choice: true, flow: false });
    expect(c?.deliveryControls).toEqual({ objectiveSetByContent: true });
    expect(parsed.sequencing?.collections).toEqual({
      common: { id: 'common', sequencingControls: { choice: false, flow: true, objectiveSetByContent: true } },
    });
  });

  it('refuses unknown values and dangling collection references, naming the activity', () => {
    const refused = (clusterSeq: string) => {
      try {
        tree(manifest(clusterSeq, ''));
      } catch (error) {
        expect(error).toBeInstanceOf(ScormPackageError);
        return (error as ScormPackageError).params;
      }
      throw new Error('expected a refusal');
    };
    expect(
      refused(`<imsss:sequencing><imsss:sequencingRules><imsss:preConditionRule>
        <imsss:ruleConditions><imsss:ruleCondition condition="satisfyed"/></imsss:ruleConditions>
        <imsss:ruleAction action="skip"/></imsss:preConditionRule></imsss:sequencingRules></imsss:sequencing>`),
    ).toEqual({ item: 'cluster', attribute: 'condition', value: 'satisfyed' });
    expect(refused('<imsss:sequencing><imsss:controlMode flow="yes"/></imsss:sequencing>')).toEqual({
      item: 'cluster',
      attribute: 'flow',
      value: 'yes',
    });
    expect(refused('<imsss:sequencing IDRef="nowhere"/>')).toEqual({
      item: 'cluster',
      attribute: 'IDRef',
      value: 'nowhere',
    });
  });
});
