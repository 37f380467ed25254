// Test helpers (not used by the application): zip archives written byte by byte, so that tests
// can build what no well-behaved tool would — names with `..` or backslashes, symlinks, lying
// sizes, encrypted flags — and SCORM packages from a manifest and a few files.
import { deflateRawSync, crc32, createDeflateRaw } from 'node:zlib';

export interface RawEntry {
  /** The stored name, byte for byte (a string is written as UTF-8). */
  name: string | Uint8Array;
  /** The uncompressed content (default empty). */
  data?: Uint8Array | string;
  /** 0 = stored, 8 = deflate (default). */
  method?: number;
  /** Already compressed data to store as is (with `crc` and `size` describing the content). */
  compressed?: Uint8Array;
  crc?: number;
  /** The declared uncompressed size (default: the real one). */
  size?: number;
  /** Unix mode in the high 16 bits of the external attributes (e.g. 0o120777 for a symlink). */
  unixMode?: number;
  /** General purpose flags (bit 0 = encrypted; bit 11 = UTF-8 names, set by default). */
  flags?: number;
}

const bytes = (v: Uint8Array | string | undefined): Uint8Array =>
  v === undefined ? new Uint8Array() : typeof v === 'string' ? new TextEncoder().encode(v) : v;

/** A complete zip archive with the given entries. */
export function buildZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(bytes(e.name));
    const content = bytes(e.data);
    const method = e.method ?? 8;
    const stored = e.compressed ?? (method === 8 ? deflateRawSync(content) : content);
    const crc = e.crc ?? crc32(content);
    const size = e.size ?? content.length;
    const flags = e.flags ?? 0x800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode bits mean what they say
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.unixMode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(stored));
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `megabytes` MiB of zeros, deflated chunk by chunk (the inflated bytes never exist in memory). */
export async function deflatedZeros(megabytes: number): Promise<{ compressed: Uint8Array; crc: number; size: number }> {
  const chunk = new Uint8Array(1024 * 1024);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (d: Buffer) => out.push(d));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let i = 0; i < megabytes; i++) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { compressed: Buffer.concat(out), crc, size: megabytes * chunk.length };
}

/** A SCORM 1.2 manifest with one SCO per launch path (items item_1…, resources res_1…). */
export function manifest12(launches: string[], extra = ''): string {
  const items = launches
    .map((_, i) => `<item identifier="item_${i + 1}" identifierref="res_${i + 1}"><title>Item ${i + 1}</title></item>`)
    .join('');
  const resources = launches
    .map((href, i) => `<resource identifier="res_${i + 1}" type="webcontent" adlcp:scormtype="sco" href="${href}"/>`)
    .join('');
  return `<?xml version="1.0"?>
<manifest identifier="test" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>Test</title>${items}</organization></organizations>
  <resources>${resources}</resources>${extra}
</manifest>`;
}

/** A package: the manifest at the root plus the named files (each containing its own name). */
export function packageZip(manifest: string, files: string[]): Buffer {
  return buildZip([
    { name: 'imsmanifest.xml', data: manifest },
    ...files.map((f) => ({ name: f, data: `<p>${f}</p>` })),
  ]);
}
