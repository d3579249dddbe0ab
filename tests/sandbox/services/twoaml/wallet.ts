/** The internal TRX wallet of an account: balance moves with a history row each, and the views of both namespaces. */
import { nextId, nowMs, type TwoAml } from './context';
import { formatTrx } from './money';
import { iso } from './time';
import type { Namespace, UserRecord, WalletEntry, WalletEntryType } from './state';

/** The minimum top-up the deposit route credits. */
export const MIN_DEPOSIT_SUN = 1_000_000n;

interface WalletMove {
  type: WalletEntryType;
  /** Change of the available balance (negative for a debit). */
  availableDeltaSun: bigint;
  /** Change of the reserved balance. */
  reservedDeltaSun?: bigint;
  /** The amount the row shows (always positive; `direction` says which way). */
  amountSun: bigint;
  direction: 'credit' | 'debit';
  txHash?: string;
  planCode?: string;
  checkRequestId?: number;
  orderId?: string;
  energyOrderId?: string;
}

/** Applies one balance move and appends its history row. Callers check funds first. */
export function moveWallet(ctx: TwoAml, user: UserRecord, move: WalletMove): WalletEntry {
  user.availableSun += move.availableDeltaSun;
  user.reservedSun += move.reservedDeltaSun ?? 0n;
  if (user.availableSun < 0n || user.reservedSun < 0n) throw new Error('wallet balance went negative');
  const entry: WalletEntry = {
    id: nextId(ctx, 'walletEntry'),
    userId: user.id,
    type: move.type,
    direction: move.direction,
    status: 'completed',
    amountSun: move.amountSun,
    availableAfterSun: user.availableSun,
    reservedAfterSun: user.reservedSun,
    txHash: move.txHash ?? null,
    planCode: move.planCode ?? null,
    checkRequestId: move.checkRequestId ?? null,
    orderId: move.orderId ?? null,
    energyOrderId: move.energyOrderId ?? null,
    createdAt: nowMs(ctx),
  };
  ctx.state.walletEntries.push(entry);
  return entry;
}

/** The wallet summary; the AML namespace adds the AML credit balance. */
export function walletSummaryView(user: UserRecord, amlCreditsBalance?: number) {
  return {
    availableBalanceTrx: formatTrx(user.availableSun),
    reservedBalanceTrx: formatTrx(user.reservedSun),
    ...(amlCreditsBalance === undefined ? {} : { amlCreditsBalance }),
    status: 'active',
    currency: 'TRX',
  };
}

/** Which history rows each namespace shows: top-ups plus its own kinds. */
const NAMESPACE_TYPES: Record<Namespace, ReadonlySet<WalletEntryType>> = {
  'tron-energy': new Set(['topup', 'energy_reservation', 'energy_charge', 'energy_refund']),
  'aml-wallet-check': new Set(['topup', 'aml_credit_purchase', 'aml_check_charge', 'aml_refund']),
};

const DESCRIPTIONS: Record<WalletEntryType, string> = {
  topup: 'Top-up credited to the wallet.',
  energy_reservation: 'TRON energy order amount reserved from wallet balance.',
  energy_charge: 'TRON energy order charged from wallet balance.',
  energy_refund: 'TRON energy order amount returned to the wallet.',
  aml_credit_purchase: 'AML credit pack purchased from the wallet balance.',
  aml_check_charge: 'AML wallet check charged to the wallet balance.',
  aml_refund: 'AML wallet check charge refunded to the wallet.',
};

function describe(namespace: Namespace, entry: WalletEntry): string {
  // The energy namespace words its top-up row differently, as its documented example does.
  if (entry.type === 'topup' && namespace === 'tron-energy') return 'TRX top-up credited to the wallet.';
  return DESCRIPTIONS[entry.type];
}

/** The user's history rows for `namespace`, newest first, in that namespace's documented shape. */
export function walletHistoryView(ctx: TwoAml, user: UserRecord, namespace: Namespace) {
  const types = NAMESPACE_TYPES[namespace];
  return ctx.state.walletEntries
    .filter((entry) => entry.userId === user.id && types.has(entry.type))
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
    .map((entry) => {
      const common = {
        type: entry.type,
        direction: entry.direction,
        status: entry.status,
        amountTrx: formatTrx(entry.amountSun, 8),
        availableBalanceTrx: formatTrx(entry.availableAfterSun, 8),
        reservedBalanceTrx: formatTrx(entry.reservedAfterSun, 8),
      };
      if (namespace === 'tron-energy') {
        const orderRefs = entry.energyOrderId
          ? { orderId: entry.orderId, energyOrderId: entry.energyOrderId }
          : {};
        return {
          ...common,
          ...orderRefs,
          description: describe(namespace, entry),
          createdAt: iso(entry.createdAt),
        };
      }
      return {
        id: entry.id,
        ...common,
        txHash: entry.txHash,
        planCode: entry.planCode,
        checkRequestId: entry.checkRequestId,
        description: describe(namespace, entry),
        createdAt: iso(entry.createdAt),
      };
    });
}
