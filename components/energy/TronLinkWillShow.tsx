/**
 * What TronLink will show, word for word, so the person can reject anything else: the payment
 * (amount and TronNRG's address) and, once the payment id is known, the exact claim message
 * `<txid>:<receiver>` with the receiver stressed — a page that changed the request changes these.
 */
import { i18n } from '#i18n';
import type { WalletIdentity } from '@/lib/tronlink/account';
import { shortAddress, trxExact } from './format';
import { useEnergyView } from './use-energy';
import { isolateData } from '@/components/ui/bidi';

export interface TronLinkWillShowProps {
  priceSun: string;
  payTo: string;
  receiver: string;
  /** Known once the payment is on its way; the message is shown in full from then on. */
  txid?: string;
  /** Where it is shown: the confirmation (before paying) or the running rental. */
  context: 'confirm' | 'progress';
}

/** How the popup names the wallet that signs. */
export function walletText(wallet: WalletIdentity | null | undefined): string {
  if (!wallet || wallet.source === 'unknown') return i18n.t('energy.account.walletUnknown');
  if (wallet.source === 'announced' && wallet.rdns)
    return i18n.t('energy.account.walletAnnounced', [wallet.name, wallet.rdns]);
  return i18n.t('energy.account.walletFlags', [wallet.name]);
}

/** The payment and the message TronLink will ask for, and the wallet that will sign them. */
export function TronLinkWillShow({ priceSun, payTo, receiver, txid, context }: TronLinkWillShowProps) {
  const wallet = useEnergyView()?.account?.wallet;
  const amount = trxExact(priceSun);
  const texts =
    context === 'confirm'
      ? { pay: 'energy.confirm.showPay', reject: 'energy.confirm.rejectElse' }
      : { pay: 'energy.job.showPay', reject: 'energy.job.rejectElse' };
  return (
    <div class="stack energy-will-show" data-testid="energy-will-show">
      {context === 'confirm' && <h3>{i18n.t('energy.confirm.willShow')}</h3>}
      <p data-testid="energy-show-pay">
        <span title={payTo}>
          {isolateData(i18n.t(texts.pay as 'energy.confirm.showPay', [amount, shortAddress(payTo)]))}
        </span>
      </p>
      <div class="stack energy-show-sign">
        <p>{txid ? i18n.t('energy.job.showSign') : i18n.t('energy.confirm.showSign')}</p>
        <p class="mono energy-message" data-testid="energy-show-message">
          {txid ?? i18n.t('energy.confirm.paymentId')}:<mark class="energy-receiver">{receiver}</mark>
        </p>
      </div>
      <p class="notice warn">{i18n.t(texts.reject as 'energy.confirm.rejectElse')}</p>
      <p class="muted" data-testid="energy-show-wallet">
        {i18n.t('energy.confirm.signsWith', [walletText(wallet)])}
      </p>
    </div>
  );
}
