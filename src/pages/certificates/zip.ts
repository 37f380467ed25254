import type { APIRoute } from 'astro';
import { requireRole } from '../../lib/auth/guards.ts';
import { certificatesByIds, listCertificates } from '../../lib/certificates/access.ts';
import { parseCertificateFilter } from '../../lib/certificates/filter.ts';
import { certificatesZip } from '../../lib/certificates/pdf.ts';

/**
 * The selected certificates as one ZIP, streamed (coordinators: their institutions' staff only;
 * admins: all). Revoked certificates are left out.
 */
export const GET: APIRoute = async ({ locals, url }) => {
  const me = requireRole(locals.user, 'coordinator', 'admin');
  const filter = parseCertificateFilter(url.searchParams);
  const ids = (await listCertificates(me, filter, 100_000)).filter((c) => !c.revokedAt).map((c) => c.id);
  async function* load() {
    // Read in small groups: never all rows (or all PDFs) in memory at once.
    for (let i = 0; i < ids.length; i += 50) yield* await certificatesByIds(ids.slice(i, i + 50));
  }
  const name = `tilts-certificates-${new Date().toISOString().slice(0, 10)}.zip`;
  return new Response(certificatesZip(load()), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
