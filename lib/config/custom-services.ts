/**
 * The "custom" network profile: the services a person may point elsewhere (their own TRON node, a
 * TronNRG or 2aml mirror) and the rules a custom address must meet. Zod-free: the options page
 * checks what it types with these, and the background checks the same again before storing.
 */
import { PRODUCTION_HOSTS } from './hosts';

export const CUSTOM_SERVICES = ['tronNode', 'twoAml', 'tronNrg', 'tronZap'] as const;
export type CustomService = (typeof CUSTOM_SERVICES)[number];

/** What a custom address is measured against, and shown as the placeholder. */
export const DOCUMENTED_SERVICE_URLS: Record<CustomService, string> = {
  tronNode: PRODUCTION_HOSTS.tronNode,
  twoAml: PRODUCTION_HOSTS.twoAml,
  tronNrg: PRODUCTION_HOSTS.tronNrg,
  tronZap: PRODUCTION_HOSTS.tronZap,
};

export type ServiceUrlProblem = 'invalid' | 'not_https' | 'credentials' | 'query';

export type ServiceUrlCheck = { ok: true; url: string } | { ok: false; problem: ServiceUrlProblem };

/** Hosts that never leave the machine: plain http to them is a local mirror, not the open network. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A base URL as the clients want it: https only (tokens and signed requests travel to it; plain http
 * only to this machine's loopback, where a developer runs a mirror), no user name or password, no
 * query or fragment, no trailing slash. Anything else is refused, not repaired. The background checks
 * it again each time it reads the address (lib/service-clients.ts), not only when it is saved.
 */
export function checkServiceUrl(text: string): ServiceUrlCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopback) return { ok: false, problem: 'not_https' };
  if (!url.hostname) return { ok: false, problem: 'invalid' };
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  if (url.search || url.hash || text.includes('?') || text.includes('#'))
    return { ok: false, problem: 'query' };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** The host permission a base URL needs (`https://host/*`), or null when the build already has it. */
export function permissionFor(url: string): string | null {
  const origin = new URL(url).origin;
  const documented = Object.values(PRODUCTION_HOSTS).some((host) => new URL(host).origin === origin);
  return documented ? null : `${origin}/*`;
}
