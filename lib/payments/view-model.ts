/** The gateway's parsed answers as the plain views pages receive (lib/payments/views.ts). */
import type { Payment, PartnerInfo, PartnerWallet, PaymentList } from './gateway-schemas';
import type { PartnerInfoView, PaymentPageView, PaymentView, WalletView } from './views';

/** Where the gateway saw the payment on chain, if it has. */
export function chainProofView(chain: Payment['blockchain']): PaymentView['blockchain'] {
  if (!chain) return null;
  return {
    txid: chain.txid,
    fromAddress: chain.from_address,
    blockTimestamp: chain.block_timestamp ?? null,
    blockNumber: chain.block_number ?? null,
  };
}

/** A payment as pages show it. */
export function paymentView(payment: Payment): PaymentView {
  return {
    transactionId: payment.transaction_id,
    status: payment.status,
    asset: payment.asset,
    amountUsd: payment.amount_usd,
    amountCrypto: payment.amount_crypto,
    amountReceived: payment.amount_received ?? null,
    walletAddress: payment.wallet_address,
    createdAt: payment.created_at ?? null,
    expiresAt: payment.expires_at ?? null,
    blockchain: chainProofView(payment.blockchain),
  };
}

/** A history page; the page asked for when the gateway does not say which it sent. */
export function paymentPageView(list: PaymentList, askedPage: number): PaymentPageView {
  return {
    payments: list.payments.map(paymentView),
    page: list.page ?? askedPage,
    lastPage: list.lastPage ?? null,
    total: list.total ?? null,
  };
}

/** A receiving wallet as pages show it. */
export function walletView(wallet: PartnerWallet): WalletView {
  return {
    id: wallet.id,
    address: wallet.address,
    active: wallet.is_active,
    usageCount: wallet.usage_count ?? null,
    lastUsedAt: wallet.last_used_at ?? null,
  };
}

/** The partner account as "Test connection" shows it. */
export function partnerInfoView(info: PartnerInfo): PartnerInfoView {
  return {
    name: info.name,
    email: info.email,
    status: info.status,
    balance: info.balance ?? null,
    defaultPostbackUrl: info.default_postback_url ?? null,
    walletsCount: info.wallets_count,
    activeWalletsCount: info.active_wallets_count,
    maxWallets: info.max_wallets,
  };
}
