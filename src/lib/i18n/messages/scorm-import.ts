import type { Message } from './lv.ts';

/** Latvian messages of SCORM package import: why a package was refused (spread into the main catalogue). */
export const scormImportLv = {
  'scorm.reject.not-zip':
    'Augšupielādētais fails nav ZIP arhīvs vai ir tik bojāts, ka to nevar atvērt. SCORM pakotnei jābūt ZIP failam.',
  'scorm.reject.corrupt-zip':
    'ZIP arhīvs ir bojāts: failu {path} nevar pareizi izpakot (tā dati neatbilst arhīvā norādītajam izmēram vai kontrolsummai). Izveidojiet pakotni no jauna.',
  'scorm.reject.no-manifest':
    'Pakotnes saknē nav faila imsmanifest.xml. SCORM pakotnē tam jāatrodas pašā augšējā līmenī, nevis kādā mapē.',
  'scorm.reject.no-manifest.folder':
    'Fails imsmanifest.xml atrodas mapē {folder}, nevis pakotnes saknē. Saspiediet ZIP failā šīs mapes saturu, nevis pašu mapi.',
  'scorm.reject.malformed-xml':
    'Fails imsmanifest.xml nav pareizi veidots XML: kļūda {line}. rindā, {column}. zīmē. Izlabojiet manifestu un augšupielādējiet pakotni vēlreiz.',
  'scorm.reject.doctype':
    'Fails imsmanifest.xml satur DOCTYPE vai ENTITY deklarāciju ({line}. rindā). Drošības dēļ (XXE uzbrukumi, entītiju izvēršana) šādi manifesti netiek pieņemti.',
  'scorm.reject.not-a-manifest':
    'Fails imsmanifest.xml nav SCORM manifests: tā saknes elements ir <{root}>, nevis <manifest>.',
  'scorm.reject.path-escape':
    'Pakotnē ir fails vai atsauce ar ceļu, kas iziet ārpus pakotnes mapes: {path}. Šāda pakotne netiek pieņemta.',
  'scorm.reject.symlink':
    'Pakotnē ir simboliskā saite {path}. Simboliskās saites netiek pieņemtas, jo tās var norādīt uz failiem ārpus pakotnes.',
  'scorm.reject.too-many-files': 'Pakotnē ir pārāk daudz failu un mapju: atļauts ne vairāk kā {limit}.',
  'scorm.reject.too-large': 'Izpakota pakotne ir pārāk liela: tās kopējais izmērs nedrīkst pārsniegt {limitMb} MB.',
  'scorm.reject.file-too-large': 'Fails {path} ir pārāk liels: viens fails nedrīkst pārsniegt {limitMb} MB.',
  'scorm.reject.compression-ratio':
    'Fails {path} izpakojot kļūst aizdomīgi liels (saspiešanas attiecība {ratio}:1, atļauts līdz {limit}:1). Tā var būt “ZIP bumba”, tāpēc pakotne netiek pieņemta.',
  'scorm.reject.encrypted':
    'Fails {path} pakotnē ir šifrēts (aizsargāts ar paroli). Augšupielādējiet pakotni bez paroles.',
  'scorm.reject.unsupported-compression':
    'Fails {path} ir saspiests ar neatbalstītu metodi (nr. {method}). Izveidojiet ZIP failu ar parasto saspiešanu (Deflate).',
  'scorm.reject.duplicate-path':
    'Pakotnē viens un tas pats ceļš ir divreiz: {path} un {other} (lielie un mazie burti netiek šķirti).',
  'scorm.reject.unsupported-version':
    'Šī SCORM versija netiek atbalstīta (manifestā norādīts: “{version}”). Tilts atbalsta SCORM 1.2 un SCORM 2004 2., 3. un 4. izdevumu.',
  'scorm.reject.invalid-manifest': 'Manifesta elementam <{element}> trūkst obligātā atribūta {attribute}.',
  'scorm.reject.duplicate-identifier':
    'Manifestā identifikators {id} izmantots vairākkārt; vienumu, organizāciju un resursu identifikatoriem jābūt unikāliem.',
  'scorm.reject.no-organisation':
    'Manifestā nav nevienas organizācijas (<organization>), tāpēc nav zināms, kāds saturs jārāda.',
  'scorm.reject.default-organisation-missing':
    'Manifestā kā noklusētā organizācija norādīta {id}, bet tādas organizācijas manifestā nav.',
  'scorm.reject.resource-missing': 'Vienums {item} atsaucas uz resursu {ref}, kura manifestā nav.',
  'scorm.reject.resource-no-href':
    'Vienums {item} atsaucas uz resursu {resource}, kuram nav norādīts palaišanas fails (href).',
  'scorm.reject.external-launch':
    'Vienuma {item} saturs atrodas ārpus pakotnes ({url}). Tilts atskaņo tikai pakotnē iekļautu saturu.',
  'scorm.reject.launch-missing': 'Vienuma {item} palaišanas fails {path} pakotnē nav atrodams.',
  'scorm.reject.empty-organisation': 'Organizācijā {id} nav neviena vienuma, ko varētu palaist.',
  'scorm.reject.invalid-sequencing':
    'Vienuma {item} secības noteikumos (sequencing) ir nederīga vērtība: {attribute}="{value}".',
  'scorm.reject.import-failed': 'Pakotni neizdevās importēt tehniskas kļūmes dēļ: {detail}',
} satisfies Record<string, Message>;

export const scormImportEn: Record<keyof typeof scormImportLv, Message> = {
  'scorm.reject.not-zip':
    'The uploaded file is not a ZIP archive, or it is too damaged to open. A SCORM package must be a ZIP file.',
  'scorm.reject.corrupt-zip':
    'The ZIP archive is damaged: the file {path} cannot be unpacked correctly (its data does not match the size or checksum recorded in the archive). Build the package again.',
  'scorm.reject.no-manifest':
    'There is no imsmanifest.xml at the root of the package. In a SCORM package it must be at the top level, not inside a folder.',
  'scorm.reject.no-manifest.folder':
    'imsmanifest.xml is inside the folder {folder}, not at the root of the package. Zip the contents of that folder, not the folder itself.',
  'scorm.reject.malformed-xml':
    'imsmanifest.xml is not well-formed XML: error at line {line}, column {column}. Correct the manifest and upload the package again.',
  'scorm.reject.doctype':
    'imsmanifest.xml declares a DOCTYPE or ENTITY (line {line}). For security (XXE attacks, entity expansion) such manifests are not accepted.',
  'scorm.reject.not-a-manifest':
    'imsmanifest.xml is not a SCORM manifest: its root element is <{root}>, not <manifest>.',
  'scorm.reject.path-escape':
    'The package contains a file or reference whose path leads outside the package folder: {path}. Such a package is not accepted.',
  'scorm.reject.symlink':
    'The package contains a symbolic link, {path}. Symbolic links are not accepted because they can point outside the package.',
  'scorm.reject.too-many-files': 'The package contains too many files and folders: at most {limit} are allowed.',
  'scorm.reject.too-large': 'The unpacked package is too large: its total size may not exceed {limitMb} MB.',
  'scorm.reject.file-too-large': 'The file {path} is too large: a single file may not exceed {limitMb} MB.',
  'scorm.reject.compression-ratio':
    'The file {path} grows suspiciously large when unpacked (compression ratio {ratio}:1, at most {limit}:1 allowed). It may be a “zip bomb”, so the package is not accepted.',
  'scorm.reject.encrypted':
    'The file {path} in the package is encrypted (password-protected). Upload the package without a password.',
  'scorm.reject.unsupported-compression':
    'The file {path} is compressed with an unsupported method (no. {method}). Create the ZIP file with ordinary compression (Deflate).',
  'scorm.reject.duplicate-path':
    'The package contains the same path twice: {path} and {other} (paths that differ only in letter case count as the same).',
  'scorm.reject.unsupported-version':
    'This SCORM version is not supported (the manifest says “{version}”). Tilts supports SCORM 1.2 and SCORM 2004 2nd, 3rd and 4th editions.',
  'scorm.reject.invalid-manifest': 'The manifest element <{element}> lacks its required attribute {attribute}.',
  'scorm.reject.duplicate-identifier':
    'The identifier {id} is used more than once in the manifest; item, organisation and resource identifiers must be unique.',
  'scorm.reject.no-organisation':
    'The manifest has no organisation (<organization>), so there is nothing to show to learners.',
  'scorm.reject.default-organisation-missing':
    'The manifest names {id} as its default organisation, but there is no organisation with that identifier.',
  'scorm.reject.resource-missing': 'The item {item} refers to the resource {ref}, which is not in the manifest.',
  'scorm.reject.resource-no-href':
    'The item {item} refers to the resource {resource}, which names no launch file (href).',
  'scorm.reject.external-launch':
    'The content of the item {item} is outside the package ({url}). Tilts plays only content included in the package.',
  'scorm.reject.launch-missing': 'The launch file of the item {item}, {path}, is not in the package.',
  'scorm.reject.empty-organisation': 'The organisation {id} has no item that can be launched.',
  'scorm.reject.invalid-sequencing': 'The sequencing of the item {item} has an invalid value: {attribute}="{value}".',
  'scorm.reject.import-failed': 'The package could not be imported because of a technical fault: {detail}',
};
