import { describe, expect, it } from 'vitest';
import { ScormPackageError, type ScormRejectCode } from './errors.ts';
import { parseManifest } from './manifest.ts';
import { manifest12 } from './test-zips.ts';
import { decodeXmlBytes } from './xml.ts';

const CP12 = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2';
const ADLCP12 = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';

function refusal(xml: string, files: string[], code: ScormRejectCode): ScormPackageError {
  try {
    parseManifest(xml, new Set(files));
  } catch (error) {
    expect(error).toBeInstanceOf(ScormPackageError);
    expect((error as ScormPackageError).code, (error as Error).message).toBe(code);
    return error as ScormPackageError;
  }
  throw new Error(`expected a ${code} refusal`);
}

/** A SCORM 2004 3rd edition manifest around the given organisation items and resources. */
function manifest2004(items: string, resources: string, extra = ''): string {
  return `<?xml version="1.0"?>
<manifest identifier="m" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 3rd Edition</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>Org</title>${items}</organization></organizations>
  <resources>${resources}</resources>${extra}
</manifest>`;
}

describe('parseManifest: launch URLs', () => {
  it('resolves href under the xml:base of the manifest, resources and resource, then appends parameters', () => {
    const xml = `<manifest identifier="m" xml:base="course/" xmlns="${CP12}" xmlns:adlcp="${ADLCP12}">
      <metadata><schemaversion>1.2</schemaversion></metadata>
      <organizations default="org"><organization identifier="org"><title>T</title>
        <item identifier="a" identifierref="r" parameters="?y=2&amp;z=3"><title>A</title></item>
      </organization></organizations>
      <resources xml:base="content/">
        <resource identifier="r" type="webcontent" adlcp:scormtype="sco" xml:base="unit1" href="page.html?x=1#top"/>
      </resources></manifest>`;
    const manifest = parseManifest(xml, new Set(['course/content/unit1/page.html']));
    expect(manifest.items[0]?.launch).toBe('course/content/unit1/page.html?x=1&y=2&z=3#top');
    expect(manifest.items[0]?.parameters).toBe('?y=2&z=3');
  });

  it('starts a query for parameters with a leading & and keeps their fragment', () => {
    const xml = manifest12(['index.html']).replace(
      'identifierref="res_1"',
      'identifierref="res_1" parameters="&amp;a=1#part"',
    );
    expect(parseManifest(xml, new Set(['index.html'])).items[0]?.launch).toBe('index.html?a=1#part');
  });

  it('uses a fragment-only parameter only when the href has no fragment', () => {
    const withHash = manifest12(['index.html#intro']).replace(
      'identifierref="res_1"',
      'identifierref="res_1" parameters="#other"',
    );
    expect(parseManifest(withHash, new Set(['index.html'])).items[0]?.launch).toBe('index.html#intro');
    const without = manifest12(['index.html']).replace(
      'identifierref="res_1"',
      'identifierref="res_1" parameters="#other"',
    );
    expect(parseManifest(without, new Set(['index.html'])).items[0]?.launch).toBe('index.html#other');
  });

  it('checks the decoded file of an encoded href and keeps the URL encoded', () => {
    const manifest = parseManifest(manifest12(['my%20page.html']), new Set(['my page.html']));
    expect(manifest.items[0]?.launch).toBe('my%20page.html');
  });

  it('normalises ./ and inner .. that stay inside the package', () => {
    const manifest = parseManifest(manifest12(['./a/../b/index.html']), new Set(['b/index.html']));
    expect(manifest.items[0]?.launch).toBe('b/index.html');
  });

  it('refuses hrefs leaving the package, however spelled', () => {
    for (const href of ['../x.html', 'a/../../x.html', '%2e%2e/x.html', '/etc/passwd', 'a%2F..%2F..%2Fx.html']) {
      refusal(manifest12([href]), ['x.html'], 'path-escape');
    }
    const viaBase = manifest12(['x.html']).replace('<resources>', '<resources xml:base="../">');
    expect(refusal(viaBase, ['x.html'], 'path-escape').params).toEqual({ path: '../ + x.html' });
  });

  it('refuses content outside the package', () => {
    const error = refusal(manifest12(['https://example.com/course.html']), [], 'external-launch');
    expect(error.params).toEqual({ item: 'item_1', url: 'https://example.com/course.html' });
  });

  it('refuses a launch file that is missing (letter case counts: the server is case-sensitive)', () => {
    expect(refusal(manifest12(['Index.html']), ['index.html'], 'launch-missing').params).toEqual({
      item: 'item_1',
      path: 'Index.html',
    });
  });
});

describe('parseManifest: SCORM 1.2', () => {
  it('reads the item fields the runtime needs', () => {
    const xml = `<?xml version="1.0"?>
<manifest identifier="m12" version="1" xmlns="${CP12}" xmlns:adlcp="${ADLCP12}">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>Course</title>
      <item identifier="intro" identifierref="r1" isvisible="true">
        <title>Intro</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
        <adlcp:maxtimeallowed>0000:30:00</adlcp:maxtimeallowed>
        <adlcp:timelimitaction>exit, message</adlcp:timelimitaction>
        <adlcp:datafromlms>level=2&amp;lang=lv</adlcp:datafromlms>
      </item>
      <item identifier="test" identifierref="r2" isvisible="false">
        <title>Test</title>
        <adlcp:prerequisites type="aicc_script">intro</adlcp:prerequisites>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="intro.html"/>
    <resource identifier="r2" type="webcontent" adlcp:scormType="asset" href="test.html"/>
  </resources>
</manifest>`;
    const manifest = parseManifest(xml, new Set(['intro.html', 'test.html']));
    expect(manifest.version).toBe('1.2');
    expect(manifest.identifier).toBe('m12');
    expect(manifest.sequencing).toBeNull();
    expect(manifest.items).toEqual([
      {
        identifier: 'intro',
        title: 'Intro',
        isVisible: true,
        resourceId: 'r1',
        scormType: 'sco',
        launch: 'intro.html',
        parameters: null,
        masteryScore: 80,
        dataFromLms: 'level=2&lang=lv',
        maxTimeAllowed: '0000:30:00',
        timeLimitAction: 'exit,message',
        prerequisites: null,
        completionThreshold: null,
        minNormalizedMeasure: null,
        objectiveIds: [],
        children: [],
      },
      expect.objectContaining({
        identifier: 'test',
        isVisible: false,
        scormType: 'asset',
        masteryScore: null,
        prerequisites: 'intro',
      }),
    ]);
  });

  it('takes the first organisation when none is named default', () => {
    const xml = manifest12(['index.html']).replace(' default="org"', '');
    expect(parseManifest(xml, new Set(['index.html'])).organisation).toEqual({ identifier: 'org', title: 'Test' });
  });

  it('decides the version by the adlcp namespace when schemaversion is absent', () => {
    const xml = manifest12(['index.html']).replace(/<metadata>.*<\/metadata>/, '');
    expect(parseManifest(xml, new Set(['index.html'])).version).toBe('1.2');
  });
});

describe('parseManifest: SCORM 2004', () => {
  it('reads completion threshold, data from LMS, time limits and objectives', () => {
    const items = `
      <item identifier="a" identifierref="r">
        <title>A</title>
        <adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.75"/>
        <adlcp:dataFromLMS>start=3</adlcp:dataFromLMS>
        <adlcp:timeLimitAction>continue,no message</adlcp:timeLimitAction>
        <imsss:sequencing>
          <imsss:limitConditions attemptAbsoluteDurationLimit="PT30M"/>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="main" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
            <imsss:objective objectiveID="side"/>
          </imsss:objectives>
        </imsss:sequencing>
      </item>`;
    const manifest = parseManifest(
      manifest2004(items, '<resource identifier="r" adlcp:scormType="sco" href="a.html"/>'),
      new Set(['a.html']),
    );
    expect(manifest.version).toBe('2004-3rd');
    expect(manifest.items[0]).toMatchObject({
      completionThreshold: 0.75,
      dataFromLms: 'start=3',
      timeLimitAction: 'continue,no message',
      maxTimeAllowed: 'PT30M',
      minNormalizedMeasure: 0.6,
      objectiveIds: ['main', 'side'],
      masteryScore: null,
    });
  });

  it('reads the 2nd edition completion threshold written as text', () => {
    const items = `<item identifier="a" identifierref="r"><title>A</title>
      <adlcp:completionThreshold>0.5</adlcp:completionThreshold></item>`;
    const manifest = parseManifest(
      manifest2004(items, '<resource identifier="r" adlcp:scormType="sco" href="a.html"/>').replace(
        '2004 3rd Edition',
        'CAM 1.3',
      ),
      new Set(['a.html']),
    );
    expect(manifest.version).toBe('2004-2nd');
    expect(manifest.items[0]?.completionThreshold).toBe(0.5);
    // No imsss:sequencing anywhere: no activity tree (the threshold reaches the SCO as cmi.completion_threshold).
    expect(manifest.sequencing).toBeNull();
  });

  it('takes the default threshold 1.0 when completion is by measure without one', () => {
    const items = `<item identifier="a" identifierref="r"><title>A</title>
      <adlcp:completionThreshold completedByMeasure="true"/></item>`;
    const manifest = parseManifest(
      manifest2004(items, '<resource identifier="r" adlcp:scormType="sco" href="a.html"/>'),
      new Set(['a.html']),
    );
    expect(manifest.items[0]?.completionThreshold).toBe(1);
  });

  it('accepts an item named like its resource (only activities need unique ids)', () => {
    const items = '<item identifier="same" identifierref="same"><title>A</title></item>';
    const manifest = parseManifest(
      manifest2004(items, '<resource identifier="same" adlcp:scormType="sco" href="a.html"/>'),
      new Set(['a.html']),
    );
    expect(manifest.items[0]?.resourceId).toBe('same');
  });

  it('understands any prefix bound to the SCORM namespaces', () => {
    const xml = `<?xml version="1.0"?>
<cp:manifest identifier="m" xmlns:cp="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:a="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:ss="http://www.imsglobal.org/xsd/imsss">
  <cp:organizations><cp:organization identifier="o"><cp:title>O</cp:title>
    <cp:item identifier="i" identifierref="r"><cp:title>I</cp:title>
      <ss:sequencing><ss:deliveryControls tracked="false"/></ss:sequencing>
    </cp:item>
  </cp:organization></cp:organizations>
  <cp:resources><cp:resource identifier="r" a:SCORMTYPE="sco" href="i.html"/></cp:resources>
</cp:manifest>`;
    const manifest = parseManifest(xml, new Set(['i.html']));
    expect(manifest.version).toBe('2004-3rd');
    expect(manifest.items[0]?.scormType).toBe('sco');
    expect(manifest.sequencing?.activityTree.children?.[0]?.deliveryControls).toEqual({ tracked: false });
  });

  it('ignores a resource on a 2004 cluster (the sequencer never delivers it)', () => {
    const items = `<item identifier="c" identifierref="r"><title>C</title>
      <item identifier="a" identifierref="r"><title>A</title></item></item>`;
    const manifest = parseManifest(
      manifest2004(items, '<resource identifier="r" adlcp:scormType="sco" href="a.html"/>'),
      new Set(['a.html']),
    );
    expect(manifest.items[0]?.launch).toBeNull();
    expect(manifest.items[0]?.children[0]?.launch).toBe('a.html');
  });
});

describe('parseManifest: refusals', () => {
  it('refuses malformed XML with its line and column', () => {
    const error = refusal('<manifest>\n<organizations>\n</manifest>', [], 'malformed-xml');
    expect(error.params['line']).toBe(3);
    expect(error.params['column']).toBeTypeOf('number');
  });

  it('refuses an ENTITY declaration even without a DOCTYPE', () => {
    refusal('<!ENTITY x "y"><manifest/>', [], 'doctype');
  });

  it('refuses a document that is not a manifest', () => {
    expect(refusal('<quiz/>', [], 'not-a-manifest').params).toEqual({ root: 'quiz' });
  });

  it('refuses an unknown SCORM version, naming it', () => {
    const xml = manifest12(['index.html']).replace('<schemaversion>1.2', '<schemaversion>SCORM 2.0');
    expect(refusal(xml, ['index.html'], 'unsupported-version').params).toEqual({ version: 'SCORM 2.0' });
  });

  it('refuses a manifest without organisations', () => {
    const xml = manifest12(['index.html']).replace(/<organizations.*<\/organizations>/s, '<organizations/>');
    refusal(xml, ['index.html'], 'no-organisation');
  });

  it('refuses an organisation with nothing to launch', () => {
    const xml = manifest12(['index.html']).replace(
      /<item .*<\/item>/s,
      '<item identifier="empty"><title>E</title></item>',
    );
    expect(refusal(xml, ['index.html'], 'empty-organisation').params).toEqual({ id: 'org' });
  });

  it('refuses an item without an identifier', () => {
    const xml = manifest12(['index.html']).replace('identifier="item_1" ', '');
    expect(refusal(xml, ['index.html'], 'invalid-manifest').params).toEqual({
      element: 'item',
      attribute: 'identifier',
    });
  });

  it('refuses a duplicate identifier', () => {
    const xml = manifest12(['a.html', 'b.html']).replace('identifier="item_2"', 'identifier="item_1"');
    expect(refusal(xml, ['a.html', 'b.html'], 'duplicate-identifier').params).toEqual({ id: 'item_1' });
  });

  it('refuses a resource without href', () => {
    const xml = manifest12(['index.html']).replace(' href="index.html"', '');
    expect(refusal(xml, ['index.html'], 'resource-no-href').params).toEqual({ item: 'item_1', resource: 'res_1' });
  });
});

describe('decodeXmlBytes', () => {
  it('reads UTF-8 with a BOM, UTF-16 with a BOM and a declared Latin-1', () => {
    const text = '<manifest a="ā"/>';
    expect(decodeXmlBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toBe(text);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeXmlBytes(utf16)).toBe(text);
    const latin = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><m a="é"/>', 'latin1');
    expect(decodeXmlBytes(latin)).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><m a="é"/>');
  });
});
