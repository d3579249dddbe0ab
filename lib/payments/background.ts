/**
 * The background side of merchant payments: the gateway set-up (the key sealed and bound to its
 * origin), payments created and handed to a `payment-watch` job, history, the unprocessed list with
 * its postback resend, and the receiving wallets. Every gateway call happens here; pages get views
 * and problems, never the key.
 */
import { i18n } from '#i18n';
import type { Handlers } from '../messaging';
import type { JobRunner } from '../jobs/runner';
import { refused, settle, succeeded, type Outcome } from '../outcome';
import { ServiceError } from '../http';
import { isTronAddress } from '../tron/address';
import { permissionFor } from '../config/custom-services';
import { checkGatewayUrl, originOf } from './gateway-url';
import { gatewayApi, gatewayCredentials } from './gateway-client';
import type { GatewayApi } from './gateway-api';
import type { CreatedPayment } from './gateway-schemas';
import { gatewayProblem, notSetUpProblem } from './errors';
import { checkPostbackUrl, parseAmountUsd } from './amounts';
import { paymentWatchJob } from './job-kind';
import type { PaymentWatchDataInput } from './watch-job';
import { paymentPageView, paymentView, partnerInfoView, walletView } from './view-model';
import type { GatewayProblem, PaymentField, PaymentsView } from './views';

// Keys built from problem codes are data; the typed `t` is widened for them.
const tk = i18n.t as (key: string, substitutions?: string[]) => string;

/** A problem of what the merchant typed, shown under `field`; nothing was sent. */
function fieldProblem(field: PaymentField, code: string): GatewayProblem {
  const message = tk(`payments.input.${code}`);
  return { code: 'invalid_input', message, retry: 'never', fields: { [field]: message } };
}

/** Runs `call` with the gateway of the set-up in force, each failure as a problem. */
async function withGateway<T>(call: (api: GatewayApi) => Promise<T>): Promise<Outcome<T>> {
  const api = await gatewayApi();
  if (!api) return refused(notSetUpProblem());
  return settle(() => call(api), gatewayProblem);
}

/** The set-up as pages may see it. */
export async function paymentsSetupView(): Promise<PaymentsView> {
  return gatewayCredentials.configured();
}

/** True when an answer to `create` may have been lost while the payment was made. */
function answerLost(error: unknown): boolean {
  return error instanceof ServiceError && (error.transient || error.status === 0 || error.status >= 500);
}

/** The payments messages' handlers. */
export function createPaymentsHandlers({ runner }: { runner: JobRunner }): Handlers {
  async function watch(created: CreatedPayment, baseUrl: string): Promise<string> {
    const data: PaymentWatchDataInput = {
      transactionId: created.transaction_id,
      origin: originOf(baseUrl),
      asset: created.asset,
      amountUsd: created.amount_usd,
      amountCrypto: created.amount_crypto,
      walletAddress: created.wallet_address,
      walletAddressVerified: created.walletAddressVerified,
      expiresAt: Date.parse(created.expires_at),
      status: created.status,
    };
    const job = await runner.create(paymentWatchJob, 'watching', data);
    return job.id;
  }

  return {
    'payments.saveSetup': async ({ baseUrl, apiKey }) => {
      const checked = checkGatewayUrl(baseUrl);
      if (!checked.ok) return refused(fieldProblem('baseUrl', `url_${checked.problem}`));
      const key = apiKey.trim();
      if (!/^[\x21-\x7e]{8,256}$/.test(key)) return refused(fieldProblem('apiKey', 'key_invalid'));
      // The options page asked for the host on the click; never store a key for a host we cannot reach.
      const origin = permissionFor(checked.url);
      if (origin && !(await browser.permissions.contains({ origins: [origin] }))) {
        return refused({
          code: 'no_permission',
          message: tk('payments.setup.noPermission', [origin]),
          retry: 'never',
        });
      }
      await gatewayCredentials.save(checked.url, key);
      return succeeded(await paymentsSetupView());
    },
    'payments.forgetSetup': async () => {
      await gatewayCredentials.forget();
      return paymentsSetupView();
    },
    'payments.testConnection': () => withGateway(async (api) => partnerInfoView(await api.partnerInfo())),

    'payments.create': async ({ transactionId, asset, amountUsd, postbackUrl }) => {
      const id = transactionId.trim();
      if (id === '' || id.length > 255) return refused(fieldProblem('transactionId', 'id_length'));
      const amount = parseAmountUsd(amountUsd);
      if (!amount.ok) return refused(fieldProblem('amountUsd', `amount_${amount.problem}`));
      const api = await gatewayApi();
      const credential = await gatewayCredentials.read();
      if (!api || !credential) return refused(notSetUpProblem());
      const postback = checkPostbackUrl(postbackUrl ?? '', credential.baseUrl);
      if (!postback.ok) return refused(fieldProblem('postbackUrl', `postback_${postback.problem}`));
      try {
        const created = await api.createPayment({
          transactionId: id,
          asset,
          amountUsdCents: amount.cents,
          ...(postback.url ? { postbackUrl: postback.url } : {}),
        });
        return succeeded({ jobId: await watch(created, credential.baseUrl) });
      } catch (error) {
        if (!answerLost(error)) return refused(gatewayProblem(error));
        // The create may have gone through with its answer lost: the id is unique, so ask for it.
        try {
          const found = await api.paymentStatus(id);
          if (!found.expires_at) return refused(gatewayProblem(error));
          const created: CreatedPayment = {
            ...found,
            expires_at: found.expires_at,
            walletAddressVerified: isTronAddress(found.wallet_address),
          };
          return succeeded({ jobId: await watch(created, credential.baseUrl) });
        } catch {
          return refused(gatewayProblem(error));
        }
      }
    },
    'payments.detail': ({ transactionId }) =>
      withGateway(async (api) => paymentView(await api.paymentStatus(transactionId))),
    'payments.history': ({ page, limit, status, asset }) =>
      withGateway(async (api) =>
        paymentPageView(await api.listPayments({ page, limit, status, asset }), page ?? 1),
      ),
    'payments.unprocessed': () =>
      withGateway(async (api) => (await api.unprocessedPayments()).map(paymentView)),
    'payments.resendPostback': ({ transactionId }) =>
      withGateway(async (api) => {
        const answer = await api.resendPostback(transactionId);
        return {
          sent: answer.postback_sent,
          message:
            answer.message ??
            (answer.postback_sent ? i18n.t('payments.postback.sent') : i18n.t('payments.postback.notSent')),
        };
      }),
    'payments.wallets': () => withGateway(async (api) => (await api.wallets()).map(walletView)),
    'payments.addWallet': async ({ address }) => {
      // Checked here first: a typo never reaches the gateway (nor becomes a receiving address).
      if (!isTronAddress(address.trim())) return refused(fieldProblem('address', 'address_invalid'));
      return withGateway(async (api) => walletView(await api.addWallet(address.trim())));
    },
    'payments.setWalletActive': ({ id, active }) =>
      withGateway(async (api) => walletView(await api.updateWallet(id, { isActive: active }))),
  };
}
