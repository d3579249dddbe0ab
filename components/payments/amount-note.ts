/**
 * What to tell the merchant about the precision of `amount_crypto`: the gateway writes 8 decimals
 * while TRX and USDT carry 6 on chain. Shown plainly, never rounded silently.
 */
import { i18n } from '#i18n';
import { CHAIN_DECIMALS, decimalsOf } from '@/lib/payments/views';

/** A sentence about the amount's decimals, or null when it has no more than the chain carries. */
export function amountPrecisionNote(amount: string, asset: string): string | null {
  const written = decimalsOf(amount);
  if (written <= CHAIN_DECIMALS) return null;
  const significant = decimalsOf(amount.replace(/0+$/, '').replace(/\.$/, ''));
  if (significant > CHAIN_DECIMALS) {
    return i18n.t('payments.payment.extraDecimals', [String(written), asset, String(CHAIN_DECIMALS)]);
  }
  const sendable = amount.slice(0, amount.indexOf('.') + 1 + CHAIN_DECIMALS);
  return i18n.t('payments.payment.zeroDecimals', [String(written), String(CHAIN_DECIMALS), sendable]);
}
