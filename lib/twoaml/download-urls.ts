/** The documented `downloads.*Url` links of a check: paths relative to the 2aml backend origin. */
import { ServiceError } from '../http';

/**
 * Resolves a `downloads.*Url` (`/external/aml-wallet-check/checks/17/report`) against the backend
 * origin, which may itself carry a path (the sandbox mounts 2aml at `/2aml`). The bearer token goes
 * with the request, so anything that resolves outside the backend's `/external/` tree is refused.
 */
export function resolveTwoAmlUrl(baseUrl: string, url: string): { url: string; path: string } {
  const base = new URL(baseUrl.replace(/\/+$/, '') + '/');
  // A root-relative path is relative to the backend origin, not to the host's root.
  const relative = url.startsWith('/') && !url.startsWith('//') ? `.${url}` : url;
  let resolved: URL | undefined;
  try {
    resolved = new URL(relative, base);
  } catch {
    resolved = undefined;
  }
  const rest = resolved?.href.startsWith(base.href) ? resolved.href.slice(base.href.length) : undefined;
  if (!resolved || rest === undefined || !rest.startsWith('external/')) {
    throw new ServiceError({
      service: '2aml',
      status: 0,
      code: 'unexpected_response',
      message: 'The download link does not point to the 2aml backend',
    });
  }
  return { url: resolved.href, path: `/${rest}` };
}
