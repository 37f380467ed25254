import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '../env/index.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

let transport: Transporter | undefined;

/**
 * Sends a plain-text e-mail. With SMTP_URL set it goes through that server; without it the
 * message is written as JSON to OUTBOX_DIR and its links are logged, so password reset works
 * in the demo and in tests without a mail server.
 */
export async function sendMail(message: MailMessage): Promise<void> {
  const { SMTP_URL, MAIL_FROM, OUTBOX_DIR } = env();
  if (SMTP_URL) {
    transport ??= nodemailer.createTransport(SMTP_URL);
    await transport.sendMail({ from: MAIL_FROM, ...message });
    return;
  }
  await mkdir(OUTBOX_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(OUTBOX_DIR, `${stamp}-${crypto.randomUUID().slice(0, 8)}.json`);
  const links = message.text.match(/https?:\/\/\S+/g) ?? [];
  await writeFile(file, JSON.stringify({ from: MAIL_FROM, ...message, links, sentAt: new Date() }, null, 2));
  console.info(
    `[mail] to ${message.to}: "${message.subject}" written to ${file}${links.length ? ` — ${links.join(' ')}` : ''}`,
  );
}
