/** Host facts shared by the build configuration and the runtime network profiles. */

/** Where `npm run sandbox` listens unless told otherwise. */
export const SANDBOX_ORIGIN_DEFAULT = 'http://127.0.0.1:8787';

/** The documented production hosts. */
export const PRODUCTION_HOSTS = {
  twoAml: 'https://back.2aml.com',
  tronNrg: 'https://api.tronnrg.com',
  tronZap: 'https://api.tronzap.com',
  tronNode: 'https://api.trongrid.io',
  tronscan: 'https://tronscan.org',
} as const;

/** Host permissions of the production build; each is justified in the README. */
export const productionHostPermissions = [
  `${PRODUCTION_HOSTS.twoAml}/*`,
  `${PRODUCTION_HOSTS.tronNrg}/*`,
  `${PRODUCTION_HOSTS.tronZap}/*`,
  `${PRODUCTION_HOSTS.tronNode}/*`,
  `${PRODUCTION_HOSTS.tronscan}/*`,
];

/** Content-script matches of tronscan.org in production. */
export const TRONSCAN_MATCHES = ['https://tronscan.org/*', 'https://*.tronscan.org/*'];

/** The sandbox's TronScan-like pages, added to the content-script matches of the sandbox build. */
export function sandboxContentMatches(origin: string): string[] {
  return [`${origin}/tronscan/*`];
}
