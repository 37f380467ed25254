/**
 * A ZIP of 2,000 certificates streamed to nowhere, in a process of its own, sampling its peak
 * memory (rss): the stream must render one PDF at a time, not hold them all.
 */
import { readFileSync } from 'node:fs';
import type { Certificate } from '../src/lib/certificates/issue.ts';
import { certificatesZip } from '../src/lib/certificates/pdf.ts';

const ZIP_COUNT = Number(process.env['BENCH_ZIP_CERTIFICATES'] ?? 2000);

function row(i: number): Certificate {
  return {
    id: i + 1,
    number: `LV-ICC-2026-${String(i).padStart(6, '0')}`,
    year: 2026,
    seq: i + 1,
    verificationCode: 'a'.repeat(32),
    userId: 1,
    courseId: 1,
    enrolmentId: i + 1,
    holderName: `Ērika Šķēle-Žagare ${i}`,
    courseTitle: { lv: 'Starpkultūru komunikācija veselības aprūpē', en: 'Intercultural communication in health care' },
    statement: { lv: 'Apgūtas zināšanas un prasmes.', en: 'Knowledge and skills.' },
    hours: 8,
    place: null,
    template: 'default',
    completedAt: new Date('2026-11-20T10:00:00Z'),
    issuedAt: new Date('2026-11-20T10:00:00Z'),
    expiresAt: null,
    revokedAt: null,
    revokedReason: null,
    replacedById: null,
  };
}

async function* rows(): AsyncGenerator<Certificate> {
  for (let i = 0; i < ZIP_COUNT; i++) yield row(i);
}

/** The kernel's record of the process's peak resident memory (Linux), else 0. */
function highWaterMark(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

// Sampled on a timer and once more at the end: rendering seldom yields to the event loop, so the
// timer fires rarely, and resident memory is not given back during the run, so the end is the peak.
let peak = process.memoryUsage().rss;
let heap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  heap = Math.max(heap, m.heapUsed);
}, 10);
const t0 = performance.now();
let bytes = 0;
const reader = certificatesZip(rows()).getReader();
for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.length;
clearInterval(sampler);
const end = process.memoryUsage();
peak = Math.max(peak, end.rss, highWaterMark());
heap = Math.max(heap, end.heapUsed);
console.log(
  `  ZIP of ${ZIP_COUNT} certificates: ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s, peak memory ${(peak / 2 ** 20).toFixed(0)} MB (rss of its own process; V8 heap in use ${(heap / 2 ** 20).toFixed(0)} MB)`,
);
