/**
 * The background side of the TronZap set-up in the options: save the API token and secret (only
 * once TronZap has accepted them through `/v1/balance`), test the kept ones, forget them. Pages get
 * the balance and where the credentials are kept for, never the credentials.
 */
import type { Handlers } from '@/lib/messaging';
import { describeServiceError } from '@/lib/api/errors';
import { createEndpointClients } from '@/lib/service-clients';
import { refused, settle, type Outcome } from '@/lib/outcome';
import { createTronZapApi } from './tronzap-api';
import { createTronZapCredentials, originOf, type TronZapCredential } from './tronzap-credentials';
import { tronZapProblem } from './texts';
import type { TronZapAccountView, TronZapSetupView } from './views';

const credentials = createTronZapCredentials();
const tronZapAddress = createEndpointClients((endpoints) => endpoints.tronZap);

/** Where TronZap is reached now and whether the kept credentials are for it. */
async function setupView(): Promise<TronZapSetupView> {
  const [address, savedFor] = await Promise.all([tronZapAddress(), credentials.savedFor()]);
  return { address, savedFor, usable: savedFor !== null && savedFor === originOf(address) };
}

/** The account's balance, read with `credential` from the TronZap address in force. */
async function balanceWith(address: string, credential: TronZapCredential): Promise<TronZapAccountView> {
  const balance = await createTronZapApi({ baseUrl: address, ...credential }).balance();
  return {
    balanceSun: balance.balance.sun.toString(),
    currency: balance.currency,
    depositAddress: balance.depositAddress ?? null,
  };
}

/** The TronZap set-up messages' handlers. */
export function createTronZapHandlers(): Handlers {
  return {
    'tronzap.setup': setupView,
    'tronzap.save': async ({ token, secret }): Promise<Outcome<TronZapAccountView>> => {
      const credential = { token: token.trim(), secret: secret.trim() };
      if (!credential.token || !credential.secret) return refused(tronZapProblem('credentials_missing'));
      const address = await tronZapAddress();
      // Kept only once TronZap has accepted them: a typo is reported now, not at the first order.
      const outcome = await settle(() => balanceWith(address, credential), describeServiceError);
      if (outcome.ok) await credentials.save(address, credential);
      return outcome;
    },
    'tronzap.test': async (): Promise<Outcome<TronZapAccountView>> => {
      const address = await tronZapAddress();
      const credential = await credentials.read(address);
      if (!credential) return refused(tronZapProblem('not_set_up'));
      return settle(() => balanceWith(address, credential), describeServiceError);
    },
    'tronzap.forget': async () => {
      await credentials.forget();
      return setupView();
    },
  };
}
