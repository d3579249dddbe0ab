import { describe, expect, expectTypeOf, it } from 'vitest';
import { type z, z as zod } from 'zod';
import { seed } from './scripted-fetch';
import {
  loginResponseSchema,
  registerResponseSchema,
  authenticatedSchema,
  twoAmlUserSchema,
  verifyEmailConfirmResponseSchema,
  verifyEmailRequestResponseSchema,
} from '@/lib/twoaml/account-schemas';
import {
  amlReconcileSchema,
  amlWalletHistorySchema,
  amlWalletSummarySchema,
  depositInstructionsSchema,
  energyReconcileSchema,
  energyWalletHistorySchema,
  energyWalletSummarySchema,
  topupsSchema,
  type AmlWalletSummary,
} from '@/lib/twoaml/wallet-schemas';
import {
  energyOrderSchema,
  energyOrdersSchema,
  energyQuoteSchema,
  type EnergyOrder,
} from '@/lib/energy/twoaml-order-schemas';
import {
  checkHistorySchema,
  checkResultSchema,
  createdCheckSchema,
  creditCatalogSchema,
  creditHistorySchema,
  creditPurchaseSchema,
  creditSummarySchema,
} from '@/lib/aml/api-schemas';
import {
  healthSchema,
  queuedRefundSchema,
  supplySchema,
  delegationSchema,
  type TronNrgDelegation,
} from '@/lib/energy/tronnrg-client';
import { zapTransactionSchema, type ZapTransaction } from '@/lib/energy/tronzap-schemas';
import {
  createdPaymentSchema,
  partnerInfoSchema,
  partnerWalletSchema,
  paymentListSchema,
  paymentSchema,
  resendPostbackSchema,
  type CreatedPayment,
} from '@/lib/payments/gateway-schemas';
import type { TrxAmount } from '@/lib/api/amounts';

/** Every documented example response and the schema the client reads it with. */
const documented: [fixture: string, schema: z.ZodType][] = [
  ['energy-register', registerResponseSchema],
  ['energy-login-authenticated', loginResponseSchema],
  ['energy-login-two-factor-required', loginResponseSchema],
  ['energy-login-email-verification-required', loginResponseSchema],
  ['energy-login-2fa', authenticatedSchema],
  ['energy-verify-email-request', verifyEmailRequestResponseSchema],
  ['energy-verify-email-confirm', verifyEmailConfirmResponseSchema],
  ['energy-profile', twoAmlUserSchema],
  ['energy-wallet-summary', energyWalletSummarySchema],
  ['energy-deposit-instructions', depositInstructionsSchema],
  ['energy-wallet-history', energyWalletHistorySchema],
  ['energy-wallet-topups', topupsSchema],
  ['energy-wallet-reconcile', energyReconcileSchema],
  ['energy-quote', energyQuoteSchema],
  ['energy-order-created', energyOrderSchema],
  ['energy-orders', energyOrdersSchema],
  ['energy-order', energyOrderSchema],
  ['aml-register', registerResponseSchema],
  ['aml-login-authenticated', loginResponseSchema],
  ['aml-login-two-factor-required', loginResponseSchema],
  ['aml-login-email-verification-required', loginResponseSchema],
  ['aml-login-2fa', authenticatedSchema],
  ['aml-verify-email-request', verifyEmailRequestResponseSchema],
  ['aml-verify-email-confirm', verifyEmailConfirmResponseSchema],
  ['aml-profile', twoAmlUserSchema],
  ['aml-wallet-summary', amlWalletSummarySchema],
  ['aml-deposit-instructions', depositInstructionsSchema],
  ['aml-wallet-history', amlWalletHistorySchema],
  ['aml-wallet-topups', topupsSchema],
  ['aml-wallet-reconcile', amlReconcileSchema],
  ['aml-credits-catalog', creditCatalogSchema],
  ['aml-credits-summary', creditSummarySchema],
  ['aml-credits-history', creditHistorySchema],
  ['aml-credits-purchase', creditPurchaseSchema],
  ['aml-check-created', createdCheckSchema],
  ['aml-checks', checkHistorySchema],
  ['aml-check-result', checkResultSchema],
  ['tronnrg-health', healthSchema],
  ['gateway-postback', paymentSchema],
];

/** Examples wrapped in an envelope the client unwraps first. */
type Body = Record<string, unknown>;
const wrapped: [fixture: string, schema: z.ZodType, unwrap: (body: Body) => unknown][] = [
  ['tronzap-transaction-new', zapTransactionSchema, (body) => body.result],
  ['gateway-payment-created', createdPaymentSchema, (body) => body.data],
  ['gateway-payment-status', paymentSchema, (body) => body.data],
  ['gateway-payments-unprocessed', zod.array(paymentSchema), (body) => body.data],
  ['gateway-wallets', zod.array(partnerWalletSchema), (body) => body.data],
  ['gateway-wallet-added', partnerWalletSchema, (body) => body.data],
  ['gateway-wallet-updated', partnerWalletSchema, (body) => body.data],
  ['gateway-resend-postback', resendPostbackSchema, (body) => body.data],
  ['gateway-partner-info', partnerInfoSchema, (body) => body.data],
  ['tronnrg-delegate-error-refund', queuedRefundSchema, (body) => body.refund],
];

describe('the schemas read every documented example', () => {
  it.each(documented)('%s', (fixture, schema) => {
    const parsed = schema.safeParse(seed(fixture));
    expect(parsed.error).toBeUndefined();
  });

  it.each(wrapped)('%s', (fixture, schema, unwrap) => {
    const parsed = schema.safeParse(unwrap(seed(fixture)));
    expect(parsed.error).toBeUndefined();
  });
});

describe('what the schemas give the UI', () => {
  it('keeps TRX amounts as the text sent and adds exact sun beside them', () => {
    const history = energyWalletHistorySchema.parse(seed('energy-wallet-history'));
    expect(history.data[1]).toMatchObject({
      amountTrx: '14.52000000',
      amountSun: 14_520_000n,
      orderId: 'ORD-20260413-TRON-0001',
    });
    const summary = amlWalletSummarySchema.parse(seed('aml-wallet-summary'));
    expect(summary).toMatchObject({
      availableBalanceSun: 40_000_000n,
      reservedBalanceSun: 0n,
      amlCreditsBalance: 4,
    });
    // A documented null stays null in the companion.
    const check = createdCheckSchema.parse(seed('aml-check-created'));
    expect(check.chargedAmountTrx).toBeNull();
    expect(check.chargedAmountSun).toBeNull();
    expect(check.walletAvailableBalanceSun).toBe(32_000_000n);
  });

  it('reads the three login branches apart by status', () => {
    const branches = [
      'energy-login-authenticated',
      'energy-login-two-factor-required',
      'energy-login-email-verification-required',
    ].map((name) => loginResponseSchema.parse(seed(name)));
    expect(branches.map((b) => b.status)).toEqual([
      'authenticated',
      'two_factor_required',
      'email_verification_required',
    ]);
    const challenge = branches[1]!;
    if (challenge.status !== 'two_factor_required') throw new Error('unreachable');
    expect(challenge.loginChallengeExpiresAt).toBe('2026-05-03T10:40:00.000Z');
  });

  it('turns JSON-number money into text and sun, never a JS number', () => {
    const tx = zapTransactionSchema.parse(seed<{ result: unknown }>('tronzap-transaction-new').result);
    expect(tx.amount).toEqual({ trx: '8.25', sun: 8_250_000n });
    expect(tx).toMatchObject({ id: 'transaction_id', externalId: 'my-external-id-123', status: 'success' });
    const refund = queuedRefundSchema.parse(
      seed<{ refund: unknown }>('tronnrg-delegate-error-refund').refund,
    );
    expect(refund).toEqual({ type: 'queued', to: 'TSenderAddress', amount: { trx: '4', sun: 4_000_000n } });
  });

  it('reads a TronNRG receipt from the documented fields', () => {
    // seeds/001 lists the fields (ref, energy, cost, status, delegations[].tx) without a full example.
    const receipt = delegationSchema.parse({
      ref: 'nrg_d_42',
      energy: 65_000,
      cost: 4,
      status: 'delegated',
      delegations: [{ tx: 'ab'.repeat(32) }],
    });
    expect(receipt).toEqual({
      ref: 'nrg_d_42',
      energy: 65_000,
      cost: { trx: '4', sun: 4_000_000n },
      status: 'delegated',
      delegations: [{ tx: 'ab'.repeat(32), energy: undefined }],
    });
  });

  it('falls back to the documented TronNRG bounds when /supply names only pay_to', () => {
    const supply = supplySchema.parse({ pay_to: 'TFqUiCu1JwLHHnBNeaaVKH7Csm4aA3YhZx' });
    expect(supply).toEqual({
      payTo: 'TFqUiCu1JwLHHnBNeaaVKH7Csm4aA3YhZx',
      energyPerTrx: 16_250,
      minPaymentSun: 4_000_000n,
      maxPaymentSun: 1_000_000_000n,
      minEnergy: 65_000,
      maxEnergy: 16_250_000,
      available: true,
    });
  });

  it('adds cents to gateway USD amounts and flags a pay-to address whose checksum fails', () => {
    const created = createdPaymentSchema.parse(seed<{ data: unknown }>('gateway-payment-created').data);
    expect(created.amountUsdCents).toBe(10_050n);
    expect(created.amount_crypto).toBe('100.50000012');
    // The contract's example address does not pass the base58check checksum.
    expect(created.walletAddressVerified).toBe(false);
    const status = paymentSchema.parse(seed<{ data: unknown }>('gateway-payment-status').data);
    expect(status.blockchain?.block_number).toBe(45_678_901);
  });

  it('reads a payment history page in either plausible shape', () => {
    const row = seed<{ data: unknown[] }>('gateway-payments-unprocessed').data[0];
    expect(paymentListSchema.parse([row]).payments).toHaveLength(1);
    const paged = paymentListSchema.parse({ data: [row], current_page: 2, per_page: 50, total: 51 });
    expect(paged).toMatchObject({ page: 2, limit: 50, total: 51 });
    expect(paged.payments[0]?.transaction_id).toBe('order_12346');
  });
});

describe('the schemas refuse a wrong type in a key field', () => {
  const broken: [name: string, schema: z.ZodType, body: unknown][] = [
    [
      'login status',
      loginResponseSchema,
      { ...seed<object>('energy-login-authenticated'), status: 'signed_in' },
    ],
    ['login token', loginResponseSchema, { ...seed<object>('energy-login-authenticated'), accessToken: 17 }],
    [
      'challenge expiry',
      loginResponseSchema,
      { ...seed<object>('energy-login-two-factor-required'), loginChallengeExpiresAt: 'soon' },
    ],
    ['user id', twoAmlUserSchema, { ...seed<object>('energy-profile'), id: '17' }],
    [
      'balance as a number',
      energyWalletSummarySchema,
      { ...seed<object>('energy-wallet-summary'), availableBalanceTrx: 40 },
    ],
    [
      'balance finer than a sun',
      energyWalletSummarySchema,
      { ...seed<object>('energy-wallet-summary'), availableBalanceTrx: '1.0000001' },
    ],
    [
      'deposit address checksum',
      depositInstructionsSchema,
      {
        ...seed<object>('energy-deposit-instructions'),
        depositAddress: 'TNYmcW4cAyczQzj5QXHBa4FwxMPRw4DgiE',
      },
    ],
    ['order status', energyOrderSchema, { ...seed<object>('energy-order'), status: 'done' }],
    ['order id', energyOrderSchema, { ...seed<object>('energy-order'), energyOrderId: 1 }],
    ['quote amount', energyQuoteSchema, { ...seed<object>('energy-quote'), amountTrx: null }],
    [
      'credit count',
      amlWalletSummarySchema,
      { ...seed<object>('aml-wallet-summary'), amlCreditsBalance: '4' },
    ],
    ['check id', createdCheckSchema, { ...seed<object>('aml-check-created'), checkId: '17' }],
    ['check status', checkResultSchema, { ...seed<object>('aml-check-result'), status: 'ok' }],
    ['plan price', creditCatalogSchema, { ...seed<object>('aml-credits-catalog'), feePerCheckTrx: 8 }],
    [
      'zap status',
      zapTransactionSchema,
      { ...seed<{ result: object }>('tronzap-transaction-new').result, status: 'done' },
    ],
    [
      'zap amount',
      zapTransactionSchema,
      { ...seed<{ result: object }>('tronzap-transaction-new').result, amount: 'lots' },
    ],
    ['nrg pay_to', supplySchema, { pay_to: 'not-an-address' }],
    ['nrg status', delegationSchema, { ref: 'r', energy: 1, cost: 4, status: 'queued', delegations: [] }],
    [
      'payment status',
      paymentSchema,
      { ...seed<{ data: object }>('gateway-payment-status').data, status: 'paid' },
    ],
    [
      'payment usd',
      paymentSchema,
      { ...seed<{ data: object }>('gateway-payment-status').data, amount_usd: 100.5 },
    ],
    [
      'partner wallets',
      partnerInfoSchema,
      { ...seed<{ data: object }>('gateway-partner-info').data, max_wallets: '15' },
    ],
  ];

  it.each(broken)('%s', (_name, schema, body) => {
    expect(schema.safeParse(body).success).toBe(false);
  });
});

describe('money in the output types', () => {
  it('is bigint or exact text, never a JS number', () => {
    expectTypeOf<EnergyOrder['amountSun']>().toEqualTypeOf<bigint>();
    expectTypeOf<EnergyOrder['amountTrx']>().toEqualTypeOf<string>();
    expectTypeOf<EnergyOrder['chargedAmountSun']>().toEqualTypeOf<bigint | null | undefined>();
    expectTypeOf<AmlWalletSummary['availableBalanceSun']>().toEqualTypeOf<bigint>();
    expectTypeOf<ZapTransaction['amount']>().toEqualTypeOf<TrxAmount>();
    expectTypeOf<TronNrgDelegation['cost']>().toEqualTypeOf<TrxAmount>();
    expectTypeOf<CreatedPayment['amountUsdCents']>().toEqualTypeOf<bigint>();
  });
});

describe('tolerant display lists (strict money)', () => {
  it('shows a credit type outside the filter values, and skips and counts a row whose amount is not whole sun', () => {
    const [first, second] = seed<{ data: object[] }>('aml-credits-history').data;
    const page = creditHistorySchema.parse({
      ...seed<object>('aml-credits-history'),
      data: [
        { ...first, type: 'gift' },
        { ...second, amountTrx: '0.0000001' },
      ],
    });
    expect(page.data.map((row) => row.type)).toEqual(['gift']);
    expect(page.skipped).toBe(1);
  });

  it('reads a deposit answer without depositMemo as needing none', () => {
    const { depositMemo: _memo, ...withoutMemo } = seed<Record<string, unknown>>('aml-deposit-instructions');
    expect(depositInstructionsSchema.parse(withoutMemo).depositMemo).toBeNull();
  });

  it('reads a check answer and a history row without checkId', () => {
    expect(
      createdCheckSchema.parse({ ...seed<object>('aml-check-created'), checkId: null }).checkId,
    ).toBeNull();
    const history = seed<{ data: object[] }>('aml-checks');
    const page = checkHistorySchema.parse({
      ...history,
      data: [{ ...history.data[0], checkId: null, status: 'failed' }, history.data[0]],
    });
    expect(page.data.map((row) => row.checkId)).toEqual([null, 17]);
  });
});
