/**
 * Certificates in `npm run bench`: PDFs rendered per second against bare pdfkit writing a
 * one-page PDF with the same font parsed once, measured in the same run. (The streamed ZIP is
 * measured by bench-certificate-zip.ts, in a process of its own, so that its memory is its own.)
 */
import { readFileSync } from 'node:fs';
// @ts-expect-error -- fontkit ships no type declarations.
import { create as createFont } from 'fontkit';
import PDFDocument from 'pdfkit';
import { renderCertificate } from '../src/lib/certificates/render.ts';

const COUNT = Number(process.env['BENCH_CERTIFICATES'] ?? 500);

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

export function record(i: number) {
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

/** PDFs per second of `make` over `count` documents. */
async function rate(make: (i: number) => Promise<Buffer>, count: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) await make(i);
  return count / ((performance.now() - t0) / 1000);
}

// This machine is noisy (2 shared cores): the two are measured in alternating rounds and the
// ratio is taken per round, so that a slow moment hits both sides of one comparison.
const ROUNDS = 5;
const perRound = Math.max(10, Math.floor(COUNT / ROUNDS));
for (let i = 0; i < 10; i++) await Promise.all([barePdf(i), renderCertificate(record(i))]); // warm-up
const rounds: { bare: number; real: number }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const bare = await rate(barePdf, perRound);
  const real = await rate((i) => renderCertificate(record(round * perRound + i)), perRound);
  rounds.push({ bare, real });
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const ratios = rounds.map((r) => r.real / r.bare);
console.log(`\nCertificates (${ROUNDS} rounds of ${perRound} PDFs each, alternating):`);
console.log(
  `  baseline: bare pdfkit, one page, font parsed once   ${median(rounds.map((r) => r.bare))
    .toFixed(0)
    .padStart(6)} PDFs/s (median)`,
);
console.log(
  `  certificate (renderCertificate)                     ${median(rounds.map((r) => r.real))
    .toFixed(0)
    .padStart(6)} PDFs/s (median)`,
);
console.log(
  `  ratio to the baseline: ${median(ratios).toFixed(2)} (median; rounds ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
);
