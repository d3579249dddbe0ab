/**
 * The one page allowed to host the TronLink bridge. Whatever page runs the bridge owns
 * `window.tron` / `tronWeb` and can change what TronLink is asked to pay or sign, so the bridge runs
 * only on TronScan over https (the sandbox's TronScan page in sandbox builds, which serve plain
 * http from the loopback address), and every URL is checked against it before a script runs.
 */
import { IS_SANDBOX_BUILD } from '../config/build-mode';
import { PRODUCTION_HOSTS } from '../config/hosts';

export interface BridgeHost {
  /** Opened when no tab of the host is there to reuse. */
  url: string;
  /** The exact origin a bridge document must have. */
  origin: string;
  /** The path every bridge document starts with ('/' in production). */
  pathPrefix: string;
  /** Match patterns of the host's tabs, for `tabs.query`. */
  matches: string[];
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The bridge host for the TronScan address in force, or null when it may not host the bridge:
 * production accepts only https://tronscan.org; a sandbox build only its own http loopback page.
 */
export function bridgeHostFor(tronscanUrl: string, sandboxBuild = IS_SANDBOX_BUILD): BridgeHost | null {
  let url: URL;
  try {
    url = new URL(tronscanUrl);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  const trusted = sandboxBuild
    ? url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)
    : url.protocol === 'https:' && url.origin === PRODUCTION_HOSTS.tronscan;
  if (!trusted) return null;
  const pathPrefix = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return {
    url: `${url.origin}${pathPrefix}`,
    origin: url.origin,
    pathPrefix,
    matches: [`${url.origin}${pathPrefix}*`],
  };
}

/** True when `url` is a document of `host`: the same origin and under its path. */
export function isBridgeUrl(host: BridgeHost, url: string | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  return parsed.origin === host.origin && `${parsed.pathname}/`.startsWith(host.pathPrefix);
}
