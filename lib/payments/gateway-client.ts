/**
 * The background's gateway client, built from the sealed set-up (credential.ts) on each use, so a
 * changed or forgotten set-up takes effect at once; the same client is reused while the set-up stays
 * the same (it remembers which status path the gateway answers).
 */
import { createGatewayApi, type GatewayApi } from './gateway-api';
import { createGatewayCredentials } from './credential';
import { originOf } from './gateway-url';

export const gatewayCredentials = createGatewayCredentials();

let cached: { baseUrl: string; apiKey: string; api: GatewayApi } | undefined;

/** The client for the set-up in force, or null without one; with `origin`, only a client for that origin. */
export async function gatewayApi(origin?: string): Promise<GatewayApi | null> {
  const credential = await gatewayCredentials.read();
  if (!credential) return null;
  if (origin !== undefined && originOf(credential.baseUrl) !== origin) return null;
  if (cached?.baseUrl !== credential.baseUrl || cached.apiKey !== credential.apiKey) {
    cached = { ...credential, api: createGatewayApi(credential) };
  }
  return cached.api;
}
