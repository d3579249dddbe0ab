/**
 * Wallet-billed energy orders on the sandbox clock: `pending_confirmation` (amount reserved) -> `processing`
 * (amount charged, delegation broadcast from the 2aml energy pool) -> `completed` once the chain confirms the
 * delegation; or `failed` (reservation released) / `refunded` (charge returned) when it cannot be done.
 */
import type { ChainTx } from '../../world';
import { nextId, nowMs, scheduleAt, type TwoAml } from './context';
import { MESSAGES, TwoAmlError } from './errors';
import { energyPriceSun, leaseSeconds, type Lease } from './energy-pricing';
import { formatTrx } from './money';
import { SECOND_MS, iso } from './time';
import { moveWallet } from './wallet';
import type { EnergyOrder, UserRecord } from './state';

/** Time from acceptance to confirmation (the upstream provider accepting the order). */
export const CONFIRMATION_DELAY_MS = 3 * SECOND_MS;
/** Time a forced delegation failure takes to surface. */
const FORCED_REFUND_DELAY_MS = 2 * SECOND_MS;
/** The key name of the pool account that stakes TRX for energy and delegates it to receivers. */
export const ENERGY_POOL_KEY = '2aml-energy-pool';

const STATUS_MESSAGES = {
  pending_confirmation: 'Order has been accepted and is waiting for confirmation.',
  processing: 'Order has been accepted and is being processed.',
  completed: 'Order completed successfully.',
} as const;

export interface NewOrderInput {
  orderId: string;
  receiver: string;
  energy: number;
  lease: Lease;
  note: string | null;
  callbackUrl: string | null;
  fingerprint: string | null;
}

function touch(ctx: TwoAml, order: EnergyOrder, status: EnergyOrder['status'], message: string): void {
  order.status = status;
  order.message = message;
  order.updatedAt = nowMs(ctx);
}

function ownerOf(ctx: TwoAml, order: EnergyOrder): UserRecord {
  const user = ctx.state.users.get(order.userId);
  if (!user) throw new Error(`order ${order.energyOrderId} has no owner`);
  return user;
}

/** Accepts an order: reserves its price from the wallet and schedules confirmation. */
export function createEnergyOrder(ctx: TwoAml, user: UserRecord, input: NewOrderInput): EnergyOrder {
  for (const order of ctx.state.orders.values()) {
    if (order.userId === user.id && order.orderId === input.orderId)
      throw new TwoAmlError(400, MESSAGES.orderIdTaken);
  }
  const amountSun = energyPriceSun(input.energy, input.lease);
  if (user.availableSun < amountSun) throw new TwoAmlError(400, MESSAGES.orderInsufficientBalance);
  const now = nowMs(ctx);
  const order: EnergyOrder = {
    energyOrderId: `ITRX-ORDER-${String(nextId(ctx, 'order')).padStart(4, '0')}`,
    orderId: input.orderId,
    userId: user.id,
    status: 'pending_confirmation',
    receiver: input.receiver,
    energy: input.energy,
    durationDays: input.lease.durationDays,
    period: input.lease.period,
    amountSun,
    chargedSun: amountSun,
    transactionHash: null,
    message: STATUS_MESSAGES.pending_confirmation,
    note: input.note,
    callbackUrl: input.callbackUrl,
    fingerprint: input.fingerprint,
    createdAt: now,
    updatedAt: now,
  };
  ctx.state.orders.set(order.energyOrderId, order);
  moveWallet(ctx, user, {
    type: 'energy_reservation',
    direction: 'debit',
    availableDeltaSun: -amountSun,
    reservedDeltaSun: amountSun,
    amountSun,
    orderId: order.orderId,
    energyOrderId: order.energyOrderId,
  });
  ctx.world.ledger.record({
    service: '2aml-energy',
    kind: 'charge',
    account: user.email,
    amount: formatTrx(amountSun),
    unit: 'TRX',
    ref: order.energyOrderId,
    note: `${input.energy} energy for ${input.lease.period} to ${input.receiver}`,
  });
  scheduleAt(ctx, now + CONFIRMATION_DELAY_MS, () => confirmOrder(ctx, order));
  return order;
}

function confirmOrder(ctx: TwoAml, order: EnergyOrder): void {
  if (order.status !== 'pending_confirmation') return;
  const forced = ctx.state.controls.forcedOrderOutcomes.get(order.receiver);
  if (forced === 'failed')
    return failOrder(ctx, order, 'Order could not be completed by the energy provider.');
  // Real TRON refuses to delegate to an account that does not exist yet.
  if (!ctx.world.chain.isActivated(order.receiver)) {
    return failOrder(
      ctx,
      order,
      'Order could not be completed: the receiver account is not activated on TRON.',
    );
  }
  const user = ownerOf(ctx, order);
  moveWallet(ctx, user, {
    type: 'energy_charge',
    direction: 'debit',
    availableDeltaSun: 0n,
    reservedDeltaSun: -order.amountSun,
    amountSun: order.amountSun,
    orderId: order.orderId,
    energyOrderId: order.energyOrderId,
  });
  touch(ctx, order, 'processing', STATUS_MESSAGES.processing);
  if (forced === 'refunded') {
    scheduleAt(ctx, nowMs(ctx) + FORCED_REFUND_DELAY_MS, () =>
      refundOrder(ctx, order, 'Energy delegation failed; the charged amount was returned to the wallet.'),
    );
    return;
  }
  delegateEnergy(ctx, order);
}

function delegateEnergy(ctx: TwoAml, order: EnergyOrder): void {
  const generation = ctx.state.generation;
  const pool = ctx.world.chain.keypair(ENERGY_POOL_KEY);
  const lockSeconds = leaseSeconds({ durationDays: order.durationDays, period: order.period });
  ctx.world.chain
    .delegateResource(pool.privateKey, order.receiver, 'ENERGY', order.energy, lockSeconds)
    .then((txid) => {
      if (ctx.state.generation !== generation) return;
      order.transactionHash = txid;
      order.updatedAt = nowMs(ctx);
      ctx.state.ordersByDelegationTx.set(txid, order.energyOrderId);
      const tx = ctx.world.chain.transaction(txid);
      if (tx && tx.status !== 'pending') settleDelegation(ctx, tx);
    })
    .catch(() => {
      if (ctx.state.generation !== generation) return;
      refundOrder(
        ctx,
        order,
        'Energy delegation was rejected by the TRON network; the charged amount was returned to the wallet.',
      );
    });
}

/** Finishes the order whose delegation `tx` was just confirmed (or failed) on chain. */
export function settleDelegation(ctx: TwoAml, tx: ChainTx): void {
  const energyOrderId = ctx.state.ordersByDelegationTx.get(tx.txid);
  const order = energyOrderId ? ctx.state.orders.get(energyOrderId) : undefined;
  if (!order || order.status !== 'processing') return;
  const succeeded =
    tx.status === 'confirmed' && (tx.contractRet === undefined || tx.contractRet === 'SUCCESS');
  if (!succeeded) {
    return refundOrder(
      ctx,
      order,
      'Energy delegation failed on chain; the charged amount was returned to the wallet.',
    );
  }
  touch(ctx, order, 'completed', STATUS_MESSAGES.completed);
  ctx.world.ledger.record({
    service: '2aml-energy',
    kind: 'delegation',
    account: order.receiver,
    amount: String(order.energy),
    unit: 'energy',
    ref: order.energyOrderId,
    txid: tx.txid,
    note: `${order.period} lease`,
  });
  notifyCallback(ctx, order);
}

function failOrder(ctx: TwoAml, order: EnergyOrder, message: string): void {
  const user = ownerOf(ctx, order);
  moveWallet(ctx, user, {
    type: 'energy_refund',
    direction: 'credit',
    availableDeltaSun: order.amountSun,
    reservedDeltaSun: -order.amountSun,
    amountSun: order.amountSun,
    orderId: order.orderId,
    energyOrderId: order.energyOrderId,
  });
  order.chargedSun = 0n;
  touch(ctx, order, 'failed', `${message} The reserved amount was released to the wallet.`);
  recordRefund(ctx, user, order);
  notifyCallback(ctx, order);
}

function refundOrder(ctx: TwoAml, order: EnergyOrder, message: string): void {
  if (order.status !== 'processing') return;
  const user = ownerOf(ctx, order);
  moveWallet(ctx, user, {
    type: 'energy_refund',
    direction: 'credit',
    availableDeltaSun: order.amountSun,
    amountSun: order.amountSun,
    orderId: order.orderId,
    energyOrderId: order.energyOrderId,
  });
  touch(ctx, order, 'refunded', message);
  recordRefund(ctx, user, order);
  notifyCallback(ctx, order);
}

function recordRefund(ctx: TwoAml, user: UserRecord, order: EnergyOrder): void {
  ctx.world.ledger.record({
    service: '2aml-energy',
    kind: 'refund',
    account: user.email,
    amount: formatTrx(order.amountSun),
    unit: 'TRX',
    ref: order.energyOrderId,
    note: order.status,
  });
}

/** Posts the terminal order to its `callbackUrl`, once, without waiting (polling stays the source of truth). */
function notifyCallback(ctx: TwoAml, order: EnergyOrder): void {
  if (!order.callbackUrl) return;
  const url = order.callbackUrl;
  ctx.world.ledger.record({ service: '2aml-energy', kind: 'postback', ref: order.energyOrderId, note: url });
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(orderView(order)),
    signal: AbortSignal.timeout(5000),
  }).catch(() => undefined);
}

/** The documented order object of list and get. */
export function orderView(order: EnergyOrder) {
  return {
    energyOrderId: order.energyOrderId,
    orderId: order.orderId,
    status: order.status,
    receiver: order.receiver,
    energy: order.energy,
    duration: order.durationDays,
    period: order.period,
    amountTrx: formatTrx(order.amountSun),
    chargedAmountTrx: formatTrx(order.chargedSun),
    transactionHash: order.transactionHash,
    message: order.message,
    createdAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
  };
}

/** The documented create response: the order plus the wallet balance and the idempotency outcome. */
export function createdOrderView(
  order: EnergyOrder,
  user: UserRecord,
  idempotencyStatus: 'completed' | 'replayed',
) {
  return {
    energyOrderId: order.energyOrderId,
    orderId: order.orderId,
    status: order.status,
    receiver: order.receiver,
    energy: order.energy,
    duration: order.durationDays,
    period: order.period,
    amountTrx: formatTrx(order.amountSun),
    chargedAmountTrx: formatTrx(order.chargedSun),
    walletAvailableBalanceTrx: formatTrx(user.availableSun),
    idempotencyStatus,
    message: order.message,
    createdAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
  };
}

/** `user`'s orders, most recently updated first. */
export function userOrders(ctx: TwoAml, user: UserRecord): EnergyOrder[] {
  return [...ctx.state.orders.values()]
    .filter((order) => order.userId === user.id)
    .sort((a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt);
}
