/** The `payment-watch` kind wired to the sealed set-up; listed in the background's job kinds. */
import { i18n } from '#i18n';
import { createPaymentWatchKind } from './watch-job';
import { gatewayApi } from './gateway-client';

export const paymentWatchJob = createPaymentWatchKind({
  api: (origin) => gatewayApi(origin),
  message: (code) =>
    code === 'not_set_up' ? i18n.t('payments.errors.not_set_up') : i18n.t('payments.watch.gaveUp'),
});
