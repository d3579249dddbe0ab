/** Authenticator codes (RFC 6238: SHA1, 6 digits, 30 s, one step of tolerance) on the sandbox clock. */
import { Secret, TOTP } from 'otpauth';

function totpFor(secretBase32: string): TOTP {
  return new TOTP({
    issuer: '2aml',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** True when `code` is the authenticator code at `atMs`, or of the step just before or after it. */
export function isValidTotp(secretBase32: string, code: string, atMs: number): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secretBase32).validate({ token: code, timestamp: atMs, window: 1 }) !== null;
}

/** The authenticator code at `atMs` and how long it stays current. */
export function currentTotp(secretBase32: string, atMs: number): { code: string; validForSeconds: number } {
  const code = totpFor(secretBase32).generate({ timestamp: atMs });
  return { code, validForSeconds: 30 - (Math.floor(atMs / 1000) % 30) };
}
