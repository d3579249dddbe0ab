/**
 * Payments: each gets an active wallet and an amount no other pending payment on that wallet and
 * asset has, so a transfer of exactly that amount identifies it. It completes when the chain
 * confirms such a transfer before the 30-minute expiry, fails when that transfer failed on chain
 * (reverted, out of energy), and expires otherwise.
 */
import type { ChainTx, World } from '../../world';
import { baseCryptoUnits, formatCrypto, formatUsd, MAX_UNIQUE_SUFFIX, type Asset } from './amounts';
import { GatewayError } from './errors';
import type { PostbackSender } from './postbacks';
import type { PaymentListQuery, PaymentRequest } from './requests';
import type { GatewayState, Partner, Payment, Wallet } from './state';
import { gatewayTime } from './time';

export const PAYMENT_TTL_MS = 30 * 60_000;

const TRANSFER_KIND: Record<Asset, ChainTx['kind']> = { TRX: 'trx_transfer', USDT: 'usdt_transfer' };

/** The status body (also the postback body): chain details only once a transfer was seen. */
export function paymentView(payment: Payment): Record<string, unknown> {
  return {
    transaction_id: payment.transactionId,
    status: payment.status,
    asset: payment.asset,
    amount_usd: formatUsd(payment.amountUsdCents),
    amount_crypto: formatCrypto(payment.amountUnits),
    ...(payment.receivedUnits === null ? {} : { amount_received: formatCrypto(payment.receivedUnits) }),
    wallet_address: payment.walletAddress,
    created_at: gatewayTime(payment.createdAtMs),
    expires_at: gatewayTime(payment.expiresAtMs),
    ...(payment.blockchain
      ? {
          blockchain: {
            txid: payment.blockchain.txid,
            from_address: payment.blockchain.fromAddress,
            block_timestamp: payment.blockchain.blockTimestamp,
            block_number: payment.blockchain.blockNumber,
          },
        }
      : {}),
  };
}

/** The answer to `POST /api/payment/create`. */
export function createdPaymentView(payment: Payment): Record<string, unknown> {
  return {
    transaction_id: payment.transactionId,
    wallet_address: payment.walletAddress,
    asset: payment.asset,
    amount_usd: formatUsd(payment.amountUsdCents),
    amount_crypto: formatCrypto(payment.amountUnits),
    expires_at: gatewayTime(payment.expiresAtMs),
    status: payment.status,
  };
}

/** Creates, finds, settles and expires payments. */
export function createPaymentDesk(world: World, state: GatewayState, postbacks: PostbackSender) {
  function pendingOn(walletAddress: string, asset: Asset): Payment[] {
    return state.payments.filter(
      (p) => p.status === 'pending' && p.walletAddress === walletAddress && p.asset === asset,
    );
  }

  /** The smallest `base + k` micro-units (k ≥ 1) no pending payment on the wallet uses, if any is left. */
  function uniqueAmount(wallet: Wallet, asset: Asset, base: bigint): bigint | null {
    const taken = new Set(pendingOn(wallet.address, asset).map((p) => p.amountUnits));
    for (let suffix = 1n; suffix <= MAX_UNIQUE_SUFFIX; suffix += 1n) {
      if (!taken.has(base + suffix)) return base + suffix;
    }
    return null;
  }

  /** Active wallets, least used first (then oldest), so payments spread over them. */
  function walletsInTurn(partner: Partner): Wallet[] {
    return state.wallets
      .filter((w) => w.partnerId === partner.id && w.isActive)
      .sort((a, b) => a.usageCount - b.usageCount || a.id - b.id);
  }

  function expire(payment: Payment): void {
    if (payment.status === 'pending' && world.clock.now() >= payment.expiresAtMs) payment.status = 'expired';
  }

  function create(partner: Partner, request: PaymentRequest): Payment {
    if (state.payments.some((p) => p.partnerId === partner.id && p.transactionId === request.transactionId)) {
      throw new GatewayError('VALIDATION_ERROR', 'The given data was invalid.', {
        transaction_id: ['The transaction id has already been taken.'],
      });
    }
    const base = baseCryptoUnits(request.asset, request.amountUsdCents);
    for (const wallet of walletsInTurn(partner)) {
      const amountUnits = uniqueAmount(wallet, request.asset, base);
      if (amountUnits === null) continue;
      const now = world.clock.now();
      wallet.usageCount += 1;
      wallet.lastUsedAtMs = now;
      const payment: Payment = {
        partnerId: partner.id,
        transactionId: request.transactionId,
        asset: request.asset,
        amountUsdCents: request.amountUsdCents,
        amountUnits,
        walletAddress: wallet.address,
        postbackUrl: request.postbackUrl,
        status: 'pending',
        createdAtMs: now,
        expiresAtMs: now + PAYMENT_TTL_MS,
        receivedUnits: null,
        blockchain: null,
        postbacks: [],
        postbackDelivered: false,
        postbackGaveUp: false,
      };
      state.payments.push(payment);
      const cancel = world.clock.at(payment.expiresAtMs, () => {
        state.timers.delete(cancel);
        expire(payment);
      });
      state.timers.add(cancel);
      return payment;
    }
    throw new GatewayError('INSUFFICIENT_WALLETS', 'No active wallet is available for this payment.');
  }

  /**
   * Settles the pending payment a just-confirmed transfer pays, if any. Being confirmed now means it
   * arrived after every pending payment was created; an expired payment is no longer pending.
   */
  function settle(tx: ChainTx): void {
    if (tx.kind !== 'trx_transfer' && tx.kind !== 'usdt_transfer') return;
    for (const pending of state.payments) expire(pending);
    const payment = state.payments.find(
      (p) =>
        p.status === 'pending' &&
        TRANSFER_KIND[p.asset] === tx.kind &&
        p.walletAddress === tx.to &&
        p.amountUnits === tx.amount,
    );
    if (!payment || tx.amount === undefined) return;
    payment.blockchain = {
      txid: tx.txid,
      fromAddress: tx.from,
      blockTimestamp: tx.timestampMs,
      blockNumber: tx.blockNumber ?? world.chain.blockNumber(),
    };
    if (tx.status !== 'confirmed' || tx.contractRet !== 'SUCCESS') {
      payment.status = 'failed';
      return;
    }
    payment.status = 'completed';
    payment.receivedUnits = tx.amount;
    world.ledger.record({
      service: 'gateway',
      kind: 'payment',
      account: payment.walletAddress,
      amount: formatCrypto(tx.amount),
      unit: payment.asset,
      ref: payment.transactionId,
      txid: tx.txid,
    });
    postbacks.start(payment);
  }

  /** The partner's payment, with its expiry applied; PAYMENT_NOT_FOUND otherwise. */
  function find(partner: Partner, transactionId: string): Payment {
    const payment = state.payments.find(
      (p) => p.partnerId === partner.id && p.transactionId === transactionId,
    );
    if (!payment) throw new GatewayError('PAYMENT_NOT_FOUND', `Payment ${transactionId} not found.`);
    expire(payment);
    return payment;
  }

  /** The partner's payments, newest first, each with its expiry applied. */
  function paymentsOf(partner: Partner): Payment[] {
    const own = state.payments.filter((p) => p.partnerId === partner.id).reverse();
    for (const payment of own) expire(payment);
    return own;
  }

  /** The partner's payments, newest first, filtered and paged. */
  function list(partner: Partner, query: PaymentListQuery): { items: Payment[]; total: number } {
    const matching = paymentsOf(partner).filter(
      (p) => (!query.status || p.status === query.status) && (!query.asset || p.asset === query.asset),
    );
    const start = (query.page - 1) * query.limit;
    return { items: matching.slice(start, start + query.limit), total: matching.length };
  }

  /** Payments that need the merchant: expired or failed, or completed with every postback refused. */
  function unprocessed(partner: Partner): Payment[] {
    return paymentsOf(partner).filter(
      (p) => p.status === 'expired' || p.status === 'failed' || p.postbackGaveUp,
    );
  }

  return { create, settle, find, list, unprocessed };
}

export type PaymentDesk = ReturnType<typeof createPaymentDesk>;
