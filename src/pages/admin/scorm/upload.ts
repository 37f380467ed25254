import type { APIRoute } from 'astro';
import { audit } from '../../../lib/audit/index.ts';
import { requireRole } from '../../../lib/auth/guards.ts';
import { ScormPackageError } from '../../../lib/scorm/package/errors.ts';
import { importScormZip } from '../../../lib/scorm/packages.ts';
import { saveUpload, UploadTooLarge } from '../../../server/upload-file.ts';
import { packageZipPath } from '../../../lib/scorm/package-course.ts';
import { copyFile } from 'node:fs/promises';

/** Largest package accepted by upload (zipped). */
const MAX_UPLOAD_BYTES = 500 * 1024 * 1024;

/**
 * An admin uploads a SCORM zip: the raw file as the body (the page's script sends it so that it
 * can show progress; `?name=` carries the file name) or, without JavaScript, a multipart form.
 * The file is streamed to a temporary file, imported (checked, unpacked) and always removed.
 * Answers JSON to the script and redirects the form.
 */
export const POST: APIRoute = async ({ request, locals, url, redirect }) => {
  const admin = requireRole(locals.user, 'admin');
  const multipart = (request.headers.get('content-type') ?? '').startsWith('multipart/form-data');
  const reply = (ok: boolean, body: Record<string, unknown>) => {
    if (multipart) {
      const target = ok
        ? `/admin/scorm/${String(body['id'])}`
        : `/admin/scorm?error=${encodeURIComponent(String(body['message']))}`;
      return redirect(target, 303);
    }
    return new Response(JSON.stringify({ ok, ...body }), {
      status: ok ? 200 : 422,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  let name = url.searchParams.get('name') ?? 'package.zip';
  let body: ReadableStream<Uint8Array> | null = request.body;
  if (multipart) {
    const form = await request.formData();
    const file = form.get('package');
    if (!(file instanceof File) || file.size === 0) return reply(false, { message: locals.t('scorm.upload.noFile') });
    name = file.name;
    body = file.stream();
  }
  let upload;
  try {
    upload = await saveUpload(body, MAX_UPLOAD_BYTES);
  } catch (error) {
    if (!(error instanceof UploadTooLarge)) throw error;
    return reply(false, { message: locals.t('scorm.upload.tooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }) });
  }
  try {
    const imported = await importScormZip(upload.path, 'upload', {
      originalName: name.slice(0, 200),
      importedBy: admin.id,
    });
    // Keep the original zip, so that the package can become a course folder of its own.
    await copyFile(upload.path, packageZipPath(imported.id));
    await audit({
      action: 'scorm_imported',
      actorUserId: admin.id,
      details: { packageId: imported.id, file: name.slice(0, 200) },
      ip: locals.clientIp,
    });
    return reply(true, {
      id: imported.id,
      title: imported.title,
      version: imported.version,
      scos: imported.scos.length,
    });
  } catch (error) {
    if (!(error instanceof ScormPackageError)) throw error;
    return reply(false, { code: error.code, message: locals.t(error.messageKey, error.params) });
  } finally {
    await upload.cleanup();
  }
};
