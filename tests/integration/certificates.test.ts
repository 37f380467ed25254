import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import {
  canDownload,
  certificatesByIds,
  listCertificates,
  ownCertificates,
} from '../../src/lib/certificates/access.ts';
import {
  currentCertificate,
  findCertificateByCode,
  issueCertificate,
  reissueCertificate,
  revokeCertificate,
  verificationStatus,
} from '../../src/lib/certificates/issue.ts';
import { certificatesZip } from '../../src/lib/certificates/pdf.ts';
import { completeLesson, enrol, getEnrolment } from '../../src/lib/courses/learning.ts';
import { syncCourses } from '../../src/lib/courses/sync.ts';
import { updateUser } from '../../src/lib/users/queries.ts';
import { deleteOwnAccount } from '../../src/lib/users/privacy.ts';
import { seedInstitutions } from '../../db/seed/seed.ts';
import { TEST_DATA_DIR } from '../setup/paths.ts';
import { createUser, sessionOf, STRONG_PASSWORD } from '../factories.ts';

const root = join(TEST_DATA_DIR, `cert-courses-${process.pid}`);

beforeAll(async () => {
  mkdirSync(root, { recursive: true });
  cpSync('tests/fixtures/courses', root, { recursive: true });
  await syncCourses(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A learner who completes the sample course; returns the learner and the enrolment id. */
async function graduate(overrides: Parameters<typeof createUser>[0] = {}) {
  const { user } = await createUser(overrides);
  await enrol(user.id, 'sample-course');
  await completeLesson(user.id, 'sample-course', 'one');
  await completeLesson(user.id, 'sample-course', 'two');
  const enrolment = await getEnrolment(user.id, 'sample-course');
  if (!enrolment) throw new Error('not enrolled');
  return { user, enrolmentId: enrolment.id };
}

describe('issuing', () => {
  it('issues a numbered certificate when the course is complete, and never before', async () => {
    const { user } = await createUser({ name: 'Ērika Šķēle-Žagare' });
    await enrol(user.id, 'sample-course');
    await completeLesson(user.id, 'sample-course', 'one');
    const half = await getEnrolment(user.id, 'sample-course');
    expect(await issueCertificate(half?.id ?? 0)).toBeNull();
    await completeLesson(user.id, 'sample-course', 'two');
    const certificate = await currentCertificate(half?.id ?? 0);
    expect(certificate).toMatchObject({
      holderName: 'Ērika Šķēle-Žagare',
      hours: 2,
      courseTitle: { lv: 'Parauga kurss', en: 'Sample course' },
    });
    expect(certificate?.number).toMatch(new RegExp(`^LV-ICC-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(certificate?.verificationCode).toMatch(/^[a-z2-7]{32}$/);
    expect(certificate && verificationStatus(certificate)).toBe('valid');
  });

  it('is idempotent, also when asked many times at once', async () => {
    const { enrolmentId } = await graduate();
    const results = await Promise.all(Array.from({ length: 8 }, () => issueCertificate(enrolmentId)));
    expect(new Set(results.map((c) => c?.number)).size).toBe(1);
    const { enrolmentId: other } = await graduate();
    expect((await issueCertificate(other))?.number).not.toBe(results[0]?.number);
  });
});

describe('revoking and reissuing', () => {
  it('revokes with a reason (once) and shows it to the verification page', async () => {
    const { user: admin } = await createUser({ role: 'admin' });
    const { enrolmentId } = await graduate();
    const certificate = await currentCertificate(enrolmentId);
    await revokeCertificate(admin.id, certificate?.number ?? '', 'Kļūdaini izsniegta', '10.9.0.1');
    const after = await findCertificateByCode(certificate?.verificationCode ?? '');
    expect(after && verificationStatus(after)).toBe('revoked');
    expect(after?.revokedReason).toBe('Kļūdaini izsniegta');
    await expect(revokeCertificate(admin.id, certificate?.number ?? '', 'vēlreiz', '10.9.0.1')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(revokeCertificate(admin.id, 'LV-ICC-1999-999999', 'nav', '10.9.0.1')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('reissues after a name correction: a new number with the new name, the old one shown as replaced', async () => {
    const { user: admin } = await createUser({ role: 'admin' });
    const { user, enrolmentId } = await graduate({ name: 'Ilze Ozla' });
    const old = await currentCertificate(enrolmentId);
    await updateUser(user.id, { name: 'Ilze Ozola' });
    const fresh = await reissueCertificate(admin.id, old?.number ?? '', '10.9.1.1');
    expect(fresh.holderName).toBe('Ilze Ozola');
    expect(fresh.number).not.toBe(old?.number);
    const replaced = await findCertificateByCode(old?.verificationCode ?? '');
    expect(replaced && verificationStatus(replaced)).toBe('replaced');
    expect(replaced?.replacedById).toBe(fresh.id);
    expect((await currentCertificate(enrolmentId))?.id).toBe(fresh.id);
    await expect(reissueCertificate(admin.id, old?.number ?? '', '10.9.1.1')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('lets only one of two simultaneous reissues through', async () => {
    const { user: admin } = await createUser({ role: 'admin' });
    const { enrolmentId } = await graduate();
    const old = await currentCertificate(enrolmentId);
    const results = await Promise.allSettled([
      reissueCertificate(admin.id, old?.number ?? '', '10.9.2.1'),
      reissueCertificate(admin.id, old?.number ?? '', '10.9.2.2'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
  });

  it('erasing an account removes the name from its certificates, which stay counted', async () => {
    const { user, enrolmentId } = await graduate({ name: 'Dzēšama Persona' });
    const certificate = await currentCertificate(enrolmentId);
    await deleteOwnAccount(user.id, STRONG_PASSWORD, '10.9.3.1');
    const after = await findCertificateByCode(certificate?.verificationCode ?? '');
    expect(after?.holderName).toBe('—');
    expect(after?.number).toBe(certificate?.number);
  });
});

describe('who may see and download certificates', () => {
  it('the holder, their institution’s coordinator and admins — nobody else', async () => {
    const ids = [...(await seedInstitutions()).values()];
    const [mine, other] = [ids[5] ?? 0, ids[6] ?? 0];
    const { user: staff, enrolmentId } = await graduate({ institutionId: mine });
    const { user: stranger, enrolmentId: strangerEnrolment } = await graduate({ institutionId: other });
    const { user: coordinator } = await createUser({ role: 'coordinator', coordinatedInstitutionIds: [mine] });
    const { user: otherCoordinator } = await createUser({ role: 'coordinator', coordinatedInstitutionIds: [other] });
    const { user: trainer } = await createUser({ role: 'trainer' });
    const { user: admin } = await createUser({ role: 'admin' });
    const { user: learner } = await createUser();
    const certificate = await currentCertificate(enrolmentId);
    if (!certificate) throw new Error('no certificate');

    expect(await canDownload(sessionOf(staff), certificate)).toBe(true);
    expect(await canDownload(sessionOf(coordinator), certificate)).toBe(true);
    expect(await canDownload(sessionOf(admin), certificate)).toBe(true);
    expect(await canDownload(sessionOf(otherCoordinator), certificate)).toBe(false);
    expect(await canDownload(sessionOf(trainer), certificate)).toBe(false);
    expect(await canDownload(sessionOf(learner), certificate)).toBe(false);
    expect(await canDownload(sessionOf(stranger), certificate)).toBe(false);

    const seenBy = async (u: Parameters<typeof sessionOf>[0]) =>
      (await listCertificates(sessionOf(u))).map((c) => c.id);
    expect(await seenBy(coordinator)).toEqual([certificate.id]);
    expect(await seenBy(staff)).toEqual([certificate.id]);
    expect(await seenBy(learner)).toEqual([]);
    const strangers = await currentCertificate(strangerEnrolment);
    expect(await seenBy(admin)).toEqual(expect.arrayContaining([certificate.id, strangers?.id]));
    expect((await listCertificates(sessionOf(coordinator), { person: 'nobody-like-this' })).length).toBe(0);
  });

  it('“My learning” lists one’s own certificates only, also for coordinators and admins', async () => {
    const ids = [...(await seedInstitutions()).values()];
    const mine = ids[11] ?? 0;
    const { user: staff, enrolmentId } = await graduate({ institutionId: mine });
    const { user: coordinator, enrolmentId: coordinatorsOwn } = await graduate({
      role: 'coordinator',
      coordinatedInstitutionIds: [mine],
      institutionId: mine,
    });
    const { user: admin } = await createUser({ role: 'admin' });
    const numberOf = async (enrolment: number) => (await currentCertificate(enrolment))?.number;
    expect((await ownCertificates(staff.id)).map((c) => c.number)).toEqual([await numberOf(enrolmentId)]);
    expect((await ownCertificates(coordinator.id)).map((c) => c.number)).toEqual([await numberOf(coordinatorsOwn)]);
    expect(await ownCertificates(admin.id)).toEqual([]);
  });

  it('a coordinator’s ZIP holds exactly their staff’s certificates', async () => {
    const ids = [...(await seedInstitutions()).values()];
    const [mine, other] = [ids[7] ?? 0, ids[8] ?? 0];
    const staff = await Promise.all([graduate({ institutionId: mine }), graduate({ institutionId: mine })]);
    await graduate({ institutionId: other });
    const { user: coordinator } = await createUser({ role: 'coordinator', coordinatedInstitutionIds: [mine] });
    const listed = await listCertificates(sessionOf(coordinator));
    const rows = await certificatesByIds(listed.map((c) => c.id));
    async function* source() {
      yield* rows;
    }
    const chunks: Uint8Array[] = [];
    const reader = certificatesZip(source()).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    const files = unzipSync(new Uint8Array(Buffer.concat(chunks)));
    const expected = await Promise.all(
      staff.map(async (s) => `${(await currentCertificate(s.enrolmentId))?.number}.pdf`),
    );
    expect(Object.keys(files).sort()).toEqual(expected.sort());
    for (const pdf of Object.values(files)) expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  });
});
