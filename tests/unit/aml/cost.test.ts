/** What a check costs before anything is paid, for each billing mode and account state (seeds/003 "Billing Modes"). */
import { describe, expect, it } from 'vitest';
import { previewCheckCost, sameCost, type CostInputs } from '@/lib/aml/cost';

const FEE = 8_000_000n;
const open: Omit<CostInputs, 'billingMode'> = {
  credits: 3,
  walletAvailableSun: 40_000_000n,
  feePerCheckSun: FEE,
  walletBalanceBillingEnabled: true,
  creditPackBillingEnabled: true,
};

describe('previewCheckCost', () => {
  it('charges one credit on auto when the user has credits', () => {
    expect(previewCheckCost({ ...open, billingMode: 'auto' })).toEqual({ kind: 'credit', credits: 1 });
  });

  it('falls back to the TRX fee on auto when no credit is left', () => {
    expect(previewCheckCost({ ...open, credits: 0, billingMode: 'auto' })).toEqual({
      kind: 'trx',
      sun: '8000000',
    });
  });

  it('uses the fee on auto when credit packs are switched off, even with credits', () => {
    expect(previewCheckCost({ ...open, creditPackBillingEnabled: false, billingMode: 'auto' })).toEqual({
      kind: 'trx',
      sun: '8000000',
    });
  });

  it('says the wallet is too low instead of promising a fee it cannot pay', () => {
    expect(
      previewCheckCost({ ...open, credits: 0, walletAvailableSun: FEE - 1n, billingMode: 'auto' }),
    ).toEqual({ kind: 'unavailable', reason: 'insufficient_balance' });
    expect(previewCheckCost({ ...open, walletAvailableSun: FEE, credits: 0, billingMode: 'auto' })).toEqual({
      kind: 'trx',
      sun: '8000000',
    });
  });

  it('on auto with only credit packs open and no credits, asks for credits', () => {
    expect(
      previewCheckCost({ ...open, credits: 0, walletBalanceBillingEnabled: false, billingMode: 'auto' }),
    ).toEqual({ kind: 'unavailable', reason: 'no_credits' });
  });

  it('refuses auto when 2aml takes neither way of paying', () => {
    expect(
      previewCheckCost({
        ...open,
        walletBalanceBillingEnabled: false,
        creditPackBillingEnabled: false,
        billingMode: 'auto',
      }),
    ).toEqual({ kind: 'unavailable', reason: 'billing_disabled' });
  });

  it('credit_pack insists on a credit', () => {
    expect(previewCheckCost({ ...open, billingMode: 'credit_pack' })).toEqual({ kind: 'credit', credits: 1 });
    expect(previewCheckCost({ ...open, credits: 0, billingMode: 'credit_pack' })).toEqual({
      kind: 'unavailable',
      reason: 'no_credits',
    });
    expect(
      previewCheckCost({ ...open, creditPackBillingEnabled: false, billingMode: 'credit_pack' }),
    ).toEqual({
      kind: 'unavailable',
      reason: 'billing_disabled',
    });
  });

  it('wallet_balance charges the fee even when credits are available', () => {
    expect(previewCheckCost({ ...open, billingMode: 'wallet_balance' })).toEqual({
      kind: 'trx',
      sun: '8000000',
    });
    expect(previewCheckCost({ ...open, walletAvailableSun: 0n, billingMode: 'wallet_balance' })).toEqual({
      kind: 'unavailable',
      reason: 'insufficient_balance',
    });
    expect(
      previewCheckCost({ ...open, walletBalanceBillingEnabled: false, billingMode: 'wallet_balance' }),
    ).toEqual({ kind: 'unavailable', reason: 'billing_disabled' });
  });

  it('keeps the fee exact to the sun', () => {
    expect(
      previewCheckCost({ ...open, credits: 0, feePerCheckSun: 8_000_001n, billingMode: 'wallet_balance' }),
    ).toEqual({ kind: 'trx', sun: '8000001' });
  });
});

describe('sameCost', () => {
  it('treats a changed fee or a different way of paying as a different cost', () => {
    expect(sameCost({ kind: 'credit', credits: 1 }, { kind: 'credit', credits: 1 })).toBe(true);
    expect(sameCost({ kind: 'trx', sun: '8000000' }, { kind: 'trx', sun: '8000000' })).toBe(true);
    expect(sameCost({ kind: 'trx', sun: '8000000' }, { kind: 'trx', sun: '9000000' })).toBe(false);
    expect(sameCost({ kind: 'credit', credits: 1 }, { kind: 'trx', sun: '8000000' })).toBe(false);
  });
});
