/**
 * The whole 2aml client, both namespaces over one core (lib/twoaml/client.ts). The background builds
 * only the endpoints of the features a person can use (`twoAmlApi()` in background-session.ts); this
 * composition serves the contract tests and the features that will use both.
 */
import { createTwoAmlClient, type TwoAmlApiOptions } from './client';
import { createAmlApi } from '../aml/api';
import { createTwoAmlEnergyApi } from '../energy/twoaml-orders-api';

export { AML_NAMESPACE, ENERGY_NAMESPACE, type TwoAmlApiOptions } from './client';

/** Creates the 2aml client with both namespaces. */
export function createTwoAmlApi(options: TwoAmlApiOptions) {
  const client = createTwoAmlClient(options);
  return {
    energy: createTwoAmlEnergyApi(client),
    aml: createAmlApi(client),
    resolveDownloadUrl: client.resolveDownloadUrl,
    downloadFrom: client.downloadFrom,
  };
}

export type TwoAmlApi = ReturnType<typeof createTwoAmlApi>;

export { resolveTwoAmlUrl } from './download-urls';
