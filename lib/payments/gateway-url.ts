/**
 * The merchant's gateway base URL: https only, like every custom service (the API key travels to
 * it). A sandbox build also accepts its own sandbox's gateway, which is plain http on a loopback
 * address and never shipped.
 */
import { checkServiceUrl, type ServiceUrlCheck } from '../config/custom-services';
import { IS_SANDBOX_BUILD } from '../config/build-mode';
import { SANDBOX_ORIGIN } from '../config/network';

/** The base URL as the client wants it, or why it is refused. */
export function checkGatewayUrl(text: string, sandboxBuild = IS_SANDBOX_BUILD): ServiceUrlCheck {
  const checked = checkServiceUrl(text);
  if (checked.ok || checked.problem !== 'not_https' || !sandboxBuild) return checked;
  const url = new URL(text.trim());
  if (url.origin !== new URL(SANDBOX_ORIGIN).origin || url.search || url.hash || url.username) return checked;
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** The origin an API key is bound to. */
export function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}
