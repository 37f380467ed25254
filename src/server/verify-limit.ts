import { consumeRateLimit, RATE_LIMITS } from '../lib/auth/rate-limit.ts';

/** The public verification pages answer at most so many look-ups per address (no harvesting of names). */
export async function verifyAllowed(ip: string): Promise<boolean> {
  return (await consumeRateLimit(`verify:ip:${ip}`, RATE_LIMITS.verifyPerIp)).allowed;
}
