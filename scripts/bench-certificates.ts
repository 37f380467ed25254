/**
 * Certificates in `npm run bench`: PDFs rendered per second against bare pdfkit writing a
 * one-page PDF with the same font parsed once (measured in the same run), and a ZIP of 2,000
 * certificates streamed to nowhere while the peak memory of the process is sampled.
 */
import { readFileSync } from 'node:fs';
// @ts-expect-error -- fontkit ships no type declarations.
import { create as createFont } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { Certificate } from '../src/lib/certificates/issue.ts';
import { certificatesZip } from '../src/lib/certificates/pdf.ts';
import { renderCertificate } from '../src/lib/certificates/render.ts';

const COUNT = Number(process.env['BENCH_CERTIFICATES'] ?? 200);
const ZIP_COUNT = Number(process.env['BENCH_ZIP_CERTIFICATES'] ?? 2000);

const font = createFont(readFileSync('certificates/fonts/DejaVuSerif.ttf'));

function barePdf(i: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.registerFont('serif', font as unknown as Buffer);
    doc.font('serif').fontSize(24).text(`Ērika Šķēle-Žagare ${i}`, 100, 100);
    doc.end();
  });
}

function record(i: number) {
  return {
    number: `LV-ICC-2026-${String(i).padStart(6, '0')}`,
    holderName: `Ērika Šķēle-Žagare ${i}`,
    courseTitle: { lv: 'Starpkultūru komunikācija veselības aprūpē', en: 'Intercultural communication in health care' },
    hours: 8,
    completedAt: new Date('2026-11-20T10:00:00Z'),
    issuedAt: new Date('2026-11-20T10:00:00Z'),
    place: null,
    statement: { lv: 'Apgūtas zināšanas un prasmes.', en: 'Knowledge and skills.' },
    verifyUrl: `https://tilts.example.lv/verify/${'a'.repeat(31)}${i % 10}`,
    expiresAt: null,
    template: 'default',
  };
}

async function rate(label: string, make: (i: number) => Promise<Buffer>): Promise<number> {
  for (let i = 0; i < 10; i++) await make(i); // warm-up: fonts parsed, code compiled
  const t0 = performance.now();
  for (let i = 0; i < COUNT; i++) await make(i);
  const perSecond = COUNT / ((performance.now() - t0) / 1000);
  console.log(`  ${label.padEnd(52)} ${perSecond.toFixed(0).padStart(6)} PDFs/s`);
  return perSecond;
}

console.log(`\nCertificates (${COUNT} PDFs each):`);
const bare = await rate('baseline: bare pdfkit, one page, font parsed once', barePdf);
const real = await rate('certificate (renderCertificate)', (i) => renderCertificate(record(i)));
console.log(`  ratio to the baseline: ${(real / bare).toFixed(2)}`);

async function* rows(): AsyncGenerator<Certificate> {
  for (let i = 0; i < ZIP_COUNT; i++) {
    const r = record(i);
    yield {
      ...r,
      id: i + 1,
      year: 2026,
      seq: i + 1,
      verificationCode: 'a'.repeat(32),
      userId: 1,
      courseId: 1,
      enrolmentId: i + 1,
      revokedAt: null,
      revokedReason: null,
      replacedById: null,
    };
  }
}

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const t0 = performance.now();
let bytes = 0;
const reader = certificatesZip(rows()).getReader();
for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.length;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(
  `  ZIP of ${ZIP_COUNT} certificates: ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s, peak memory ${(peak / 2 ** 20).toFixed(0)} MB`,
);
