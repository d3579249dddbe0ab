/** Wallet top-ups: a confirmed TRX transfer to the account's deposit address is credited exactly once. */
import type { ChainTx } from '../../world';
import { nextId, nowMs, scheduleAt, type TwoAml } from './context';
import { MESSAGES, TwoAmlError } from './errors';
import { formatTrx } from './money';
import { MINUTE_MS, iso } from './time';
import { MIN_DEPOSIT_SUN, moveWallet } from './wallet';
import type { Namespace, TopupRecord, UserRecord } from './state';

/** How long the deposit watcher lags behind a confirmation (reconcile skips the wait). */
export const DEPOSIT_WATCH_DELAY_MS = 2 * MINUTE_MS;

/** The ledger's name for a namespace. */
export function ledgerService(namespace: Namespace): '2aml-energy' | '2aml-aml' {
  return namespace === 'tron-energy' ? '2aml-energy' : '2aml-aml';
}

function creditTopup(ctx: TwoAml, user: UserRecord, tx: ChainTx, namespace: Namespace): TopupRecord {
  const amountSun = tx.amount ?? 0n;
  const topup: TopupRecord = {
    topupId: nextId(ctx, 'topup'),
    userId: user.id,
    txHash: tx.txid,
    amountSun,
    senderAddress: tx.from,
    createdAt: tx.timestampMs,
    creditedAt: nowMs(ctx),
  };
  ctx.state.topupsByTx.set(tx.txid, topup);
  moveWallet(ctx, user, {
    type: 'topup',
    direction: 'credit',
    availableDeltaSun: amountSun,
    amountSun,
    txHash: tx.txid,
  });
  ctx.world.ledger.record({
    service: ledgerService(namespace),
    kind: 'credit',
    account: user.email,
    amount: formatTrx(amountSun),
    unit: 'TRX',
    ref: `topup:${topup.topupId}`,
    txid: tx.txid,
    note: `wallet top-up from ${tx.from}`,
  });
  return topup;
}

/** True when `tx` is a successful TRX transfer to `user`'s deposit address (any amount). */
function isDepositTo(user: UserRecord, tx: ChainTx): boolean {
  return tx.kind === 'trx_transfer' && tx.to === user.depositAddress;
}

/** Reconciles `txHash` into `user`'s wallet; a second call returns the same top-up without crediting again. */
export function reconcileTopup(
  ctx: TwoAml,
  user: UserRecord,
  txHash: string,
  namespace: Namespace,
): TopupRecord {
  const existing = ctx.state.topupsByTx.get(txHash);
  if (existing) {
    if (existing.userId !== user.id) throw new TwoAmlError(400, MESSAGES.topupNotToDeposit);
    return existing;
  }
  const tx = ctx.world.chain.transaction(txHash);
  if (!tx) throw new TwoAmlError(400, MESSAGES.topupTxNotFound);
  if (!isDepositTo(user, tx)) throw new TwoAmlError(400, MESSAGES.topupNotToDeposit);
  if (tx.status === 'pending') throw new TwoAmlError(400, MESSAGES.topupTxPending);
  if (tx.status === 'failed' || (tx.contractRet !== undefined && tx.contractRet !== 'SUCCESS')) {
    throw new TwoAmlError(400, MESSAGES.topupTxFailed);
  }
  if ((tx.amount ?? 0n) < MIN_DEPOSIT_SUN) throw new TwoAmlError(400, MESSAGES.topupBelowMinimum);
  return creditTopup(ctx, user, tx, namespace);
}

/** Credits deposits on its own a little after confirmation, as the real deposit watcher does ("reconcile is optional"). */
export function watchDeposits(ctx: TwoAml): () => void {
  return ctx.world.chain.onConfirmed((tx) => {
    if (tx.kind !== 'trx_transfer' || !tx.to) return;
    if (tx.contractRet !== undefined && tx.contractRet !== 'SUCCESS') return;
    if ((tx.amount ?? 0n) < MIN_DEPOSIT_SUN) return;
    const userId = ctx.state.usersByDepositAddress.get(tx.to);
    if (userId === undefined) return;
    scheduleAt(ctx, nowMs(ctx) + DEPOSIT_WATCH_DELAY_MS, () => {
      const user = ctx.state.users.get(userId);
      if (!user || ctx.state.topupsByTx.has(tx.txid)) return;
      creditTopup(ctx, user, tx, 'tron-energy');
    });
  });
}

/** The documented top-up row; the AML namespace adds `topupId`. */
export function topupView(topup: TopupRecord, namespace: Namespace) {
  return {
    ...(namespace === 'aml-wallet-check' ? { topupId: topup.topupId } : {}),
    txHash: topup.txHash,
    amountTrx: formatTrx(topup.amountSun, 8),
    status: 'credited',
    senderAddress: topup.senderAddress,
    createdAt: iso(topup.createdAt),
    creditedAt: iso(topup.creditedAt),
  };
}

/** The user's top-ups, newest first. */
export function userTopups(ctx: TwoAml, user: UserRecord): TopupRecord[] {
  return [...ctx.state.topupsByTx.values()]
    .filter((topup) => topup.userId === user.id)
    .sort((a, b) => b.createdAt - a.createdAt || b.topupId - a.topupId);
}
