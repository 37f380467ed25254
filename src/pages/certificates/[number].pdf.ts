import type { APIRoute } from 'astro';
import { requireUser } from '../../lib/auth/guards.ts';
import { canDownload } from '../../lib/certificates/access.ts';
import { findCertificateByNumber } from '../../lib/certificates/issue.ts';
import { certificatePdf, pdfFileName } from '../../lib/certificates/pdf.ts';

/**
 * A certificate's PDF, for its holder, a coordinator of the holder's institution, or an admin.
 * Anyone else gets "not found", as if it did not exist; a revoked or replaced one says so.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  const me = requireUser(locals.user);
  const certificate = await findCertificateByNumber(params.number ?? '');
  if (!certificate || !(await canDownload(me, certificate))) {
    return new Response(locals.t('error.certificate.notFound'), {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  if (certificate.revokedAt || certificate.replacedById !== null) {
    const message = certificate.revokedAt ? 'error.certificate.revokedDownload' : 'error.certificate.replacedDownload';
    return new Response(locals.t(message), { status: 410, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const pdf = await certificatePdf(certificate);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${pdfFileName(certificate)}"`,
      'Content-Length': String(pdf.length),
      'Cache-Control': 'private, no-store',
    },
  });
};
