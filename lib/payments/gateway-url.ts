/**
 * The merchant's gateway base URL, under the rule of every custom service (lib/config/custom-services.ts):
 * https, or plain http only to this machine's loopback (the sandbox's gateway, a local test gateway),
 * since the API key travels to it.
 */
import { checkServiceUrl, type ServiceUrlCheck } from '../config/custom-services';

/** The base URL as the client wants it, or why it is refused. */
export function checkGatewayUrl(text: string): ServiceUrlCheck {
  return checkServiceUrl(text);
}

/** The origin an API key is bound to. */
export function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}
