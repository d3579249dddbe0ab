/** AML credits: lots that expire, consumption earliest-expiry first, restores for checks that did not complete. */
import { nextId, nowMs, type TwoAml } from './context';
import { CREDIT_EXPIRY_DAYS } from './credit-plans';
import { formatTrx } from './money';
import { DAY_MS, iso } from './time';
import type { CreditEntry, CreditEntryType, CreditLot, UserRecord } from './state';

function addEntry(
  ctx: TwoAml,
  user: UserRecord,
  entry: Omit<CreditEntry, 'id' | 'userId' | 'createdAt' | 'amountSun' | 'planCode' | 'checkRequestId'> &
    Partial<Pick<CreditEntry, 'amountSun' | 'planCode' | 'checkRequestId'>>,
): void {
  ctx.state.creditEntries.push({
    id: nextId(ctx, 'creditEntry'),
    userId: user.id,
    planCode: null,
    amountSun: 0n,
    checkRequestId: null,
    createdAt: nowMs(ctx),
    ...entry,
  });
}

/** Turns lots past their expiry into `expiry` rows (lazily, whenever credits are read or used). */
export function expireCredits(ctx: TwoAml, user: UserRecord): void {
  const now = nowMs(ctx);
  for (const lot of ctx.state.creditLots) {
    if (lot.userId !== user.id || lot.remaining === 0 || lot.expiresAt > now) continue;
    addEntry(ctx, user, { type: 'expiry', credits: lot.remaining, planCode: lot.planCode });
    lot.remaining = 0;
  }
}

function liveLots(ctx: TwoAml, user: UserRecord): CreditLot[] {
  expireCredits(ctx, user);
  return ctx.state.creditLots.filter((lot) => lot.userId === user.id && lot.remaining > 0);
}

/** Usable credits of `user`. */
export function creditBalance(ctx: TwoAml, user: UserRecord): number {
  return liveLots(ctx, user).reduce((sum, lot) => sum + lot.remaining, 0);
}

/** Adds a lot of `credits` expiring in 30 days, with its `purchase` or `bonus` row; returns the lot. */
export function grantCredits(
  ctx: TwoAml,
  user: UserRecord,
  grant: { source: 'purchase' | 'bonus'; credits: number; planCode: string | null; amountSun: bigint },
): CreditLot {
  const lot: CreditLot = {
    id: nextId(ctx, 'creditLot'),
    userId: user.id,
    source: grant.source,
    planCode: grant.planCode,
    remaining: grant.credits,
    expiresAt: nowMs(ctx) + CREDIT_EXPIRY_DAYS * DAY_MS,
  };
  ctx.state.creditLots.push(lot);
  addEntry(ctx, user, {
    type: grant.source,
    credits: grant.credits,
    planCode: grant.planCode,
    amountSun: grant.amountSun,
  });
  return lot;
}

/** Uses one credit from the lot expiring first; returns that lot, or null when none is left. */
export function consumeCredit(ctx: TwoAml, user: UserRecord, checkRequestId: number): CreditLot | null {
  const lot = liveLots(ctx, user).sort((a, b) => a.expiresAt - b.expiresAt || a.id - b.id)[0];
  if (!lot) return null;
  lot.remaining -= 1;
  addEntry(ctx, user, { type: 'consumption', credits: 1, planCode: lot.planCode, checkRequestId });
  return lot;
}

/** Gives back a consumed credit (to its lot, or to a fresh 30-day lot if that one has expired meanwhile). */
export function restoreCredit(
  ctx: TwoAml,
  user: UserRecord,
  lotId: number | null,
  checkRequestId: number,
): void {
  const lot = ctx.state.creditLots.find((candidate) => candidate.id === lotId);
  if (lot && lot.expiresAt > nowMs(ctx)) {
    lot.remaining += 1;
  } else {
    ctx.state.creditLots.push({
      id: nextId(ctx, 'creditLot'),
      userId: user.id,
      source: 'restore',
      planCode: lot?.planCode ?? null,
      remaining: 1,
      expiresAt: nowMs(ctx) + CREDIT_EXPIRY_DAYS * DAY_MS,
    });
  }
  addEntry(ctx, user, { type: 'restore', credits: 1, planCode: lot?.planCode ?? null, checkRequestId });
}

function sumOf(ctx: TwoAml, user: UserRecord, type: CreditEntryType): number {
  return ctx.state.creditEntries
    .filter((entry) => entry.userId === user.id && entry.type === type)
    .reduce((sum, entry) => sum + entry.credits, 0);
}

/** The credit counters of the summary: consumed counts net of restores. */
export function creditCounters(ctx: TwoAml, user: UserRecord) {
  const balance = creditBalance(ctx, user);
  return {
    amlCreditsBalance: balance,
    amlCreditsPurchased: sumOf(ctx, user, 'purchase'),
    amlCreditsConsumed: sumOf(ctx, user, 'consumption') - sumOf(ctx, user, 'restore'),
    amlCreditsExpired: sumOf(ctx, user, 'expiry'),
    amlCreditsBonus: sumOf(ctx, user, 'bonus'),
  };
}

const DESCRIPTIONS: Record<CreditEntryType, string> = {
  purchase: 'AML credits were purchased and added to the account.',
  consumption: 'AML credits were consumed by a wallet check.',
  restore: 'AML credits were restored because a wallet check did not complete.',
  bonus: 'Bonus AML credits were added to the account.',
  expiry: 'AML credits expired unused.',
};

/** The user's credit history rows, newest first, optionally of one `type`. */
export function creditHistoryView(ctx: TwoAml, user: UserRecord, type?: CreditEntryType) {
  expireCredits(ctx, user);
  return ctx.state.creditEntries
    .filter((entry) => entry.userId === user.id && (type === undefined || entry.type === type))
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
    .map((entry) => ({
      id: entry.id,
      type: entry.type,
      credits: entry.credits,
      planCode: entry.planCode,
      amountTrx: formatTrx(entry.amountSun, 8),
      checkRequestId: entry.checkRequestId,
      description: DESCRIPTIONS[entry.type],
      createdAt: iso(entry.createdAt),
    }));
}
