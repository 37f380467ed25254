import { Zip, ZipPassThrough } from 'fflate';
import { publicBaseUrl } from '../env/index.ts';
import type { Certificate } from './issue.ts';
import { renderCertificate } from './render.ts';

/** The public verification address of a certificate (in its QR code). */
export function verifyUrl(certificate: Pick<Certificate, 'verificationCode'>): string {
  return new URL(`/verify/${certificate.verificationCode}`, publicBaseUrl()).toString();
}

/** The PDF of a certificate, from its database row only (the same bytes every time). */
export function certificatePdf(certificate: Certificate): Promise<Buffer> {
  return renderCertificate({
    number: certificate.number,
    holderName: certificate.holderName,
    courseTitle: certificate.courseTitle,
    hours: certificate.hours,
    completedAt: certificate.completedAt,
    issuedAt: certificate.issuedAt,
    place: certificate.place,
    statement: certificate.statement,
    verifyUrl: verifyUrl(certificate),
    expiresAt: certificate.expiresAt,
    template: certificate.template,
  });
}

/** File name of a certificate's PDF: its number, safe in any file system. */
export function pdfFileName(certificate: Pick<Certificate, 'number'>): string {
  return `${certificate.number}.pdf`;
}

/**
 * A ZIP of certificates, streamed with backpressure: a PDF is rendered only when the reader
 * asks for more, so memory stays flat however many there are. PDFs are stored as they are
 * (they are compressed already).
 */
export function certificatesZip(load: AsyncIterable<Certificate>): ReadableStream<Uint8Array> {
  const source = load[Symbol.asyncIterator]();
  let zip: Zip;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    async pull() {
      const next = await source.next();
      if (next.done) {
        zip.end();
        return;
      }
      const entry = new ZipPassThrough(pdfFileName(next.value));
      entry.mtime = next.value.issuedAt;
      zip.add(entry);
      entry.push(new Uint8Array(await certificatePdf(next.value)), true);
    },
    async cancel() {
      await source.return?.();
    },
  });
}
