/** Where each service lives for the active network profile (see DESIGN.md, "Network profiles"). */
import type { Settings } from '../storage';
import { IS_SANDBOX_BUILD } from './build-mode';
import { PRODUCTION_HOSTS, SANDBOX_ORIGIN_DEFAULT } from './hosts';

export interface ServiceEndpoints {
  /** 2aml backend origin; namespaces `/external/tron-energy` and `/external/aml-wallet-check` hang off it. */
  twoAml: string;
  tronNrg: string;
  tronZap: string;
  tronNode: string;
  /** The merchant's own gateway base URL (no public default). */
  gateway?: string;
  /** Where address links point (the extension's TronScan). */
  tronscan: string;
  usdtContract: string;
  /** The documented TronNRG API payment address; a different `pay_to` needs extra confirmation. */
  tronNrgDocumentedPayTo?: string;
}

export const USDT_MAINNET = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
export const TRONNRG_DOCUMENTED_PAY_TO = 'TFqUiCu1JwLHHnBNeaaVKH7Csm4aA3YhZx';

/** The sandbox origin the sandbox build was made for. */
export const SANDBOX_ORIGIN: string =
  (import.meta.env.WXT_SANDBOX_ORIGIN as string | undefined) ?? SANDBOX_ORIGIN_DEFAULT;

export function productionEndpoints(): ServiceEndpoints {
  return {
    twoAml: PRODUCTION_HOSTS.twoAml,
    tronNrg: PRODUCTION_HOSTS.tronNrg,
    tronZap: PRODUCTION_HOSTS.tronZap,
    tronNode: PRODUCTION_HOSTS.tronNode,
    tronscan: PRODUCTION_HOSTS.tronscan,
    usdtContract: USDT_MAINNET,
    tronNrgDocumentedPayTo: TRONNRG_DOCUMENTED_PAY_TO,
  };
}

export function sandboxEndpoints(origin = SANDBOX_ORIGIN): ServiceEndpoints {
  return {
    twoAml: `${origin}/2aml`,
    tronNrg: `${origin}/tronnrg`,
    tronZap: `${origin}/tronzap`,
    tronNode: `${origin}/tron`,
    gateway: `${origin}/gateway`,
    tronscan: `${origin}/tronscan/`,
    usdtContract: USDT_MAINNET,
  };
}

/**
 * The endpoints for the settings in force. A sandbox build starts from the sandbox instead of the
 * documented hosts; its options page offers no custom profile, but a stored one still applies, so
 * the tests can point one service at another origin (and see that no credential follows it).
 */
export function resolveEndpoints(
  network: Settings['network'],
  sandboxBuild = IS_SANDBOX_BUILD,
): ServiceEndpoints {
  const base = sandboxBuild ? sandboxEndpoints() : productionEndpoints();
  if (network.profile !== 'custom') return base;
  const custom = network.custom;
  return {
    ...base,
    twoAml: custom.twoAml ?? base.twoAml,
    tronNrg: custom.tronNrg ?? base.tronNrg,
    tronZap: custom.tronZap ?? base.tronZap,
    tronNode: custom.tronNode ?? base.tronNode,
    gateway: custom.gateway ?? base.gateway,
    // TronNRG's documented payment address holds only for the documented TronNRG.
    tronNrgDocumentedPayTo: custom.tronNrg ? undefined : base.tronNrgDocumentedPayTo,
  };
}
