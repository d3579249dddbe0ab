/**
 * The parts of a 2aml wallet top-up that decide money without a network: the typed amount (exact
 * decimal to sun, at least 2aml's minimum, nothing sent otherwise), what TronLink is asked, which
 * transfer counts as the payment, and what a TronLink report changes in the job.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkTopupAmount } from '@/lib/energy/twoaml-energy-inputs';
import {
  isTopupPayment,
  topupReportPatch,
  topupRequestOf,
  walletTopupDataSchema,
  type WalletTopupData,
} from '@/lib/energy/wallet-topup-job';
import type { Job } from '@/lib/jobs/runner';
import { serveShippedMessages } from '../shipped-messages';
import { topupProblem } from '@/lib/energy/twoaml-energy-handlers';

beforeAll(serveShippedMessages);

const PAYER = 'TGzz8gjYiYRqpfmDwnLxfgPuLVNmpCswVp';
const DEPOSIT = 'TNYmcW4cAyczQzj5QXHBa4FwxMPRw4DgiD';
const MIN = 1_000_000n;

function job(state: string, data: Partial<WalletTopupData> = {}): Job<WalletTopupData> {
  return {
    id: 'j1',
    kind: 'wallet-topup',
    state,
    terminal: false,
    createdAt: 0,
    updatedAt: 0,
    nextRunAt: 0,
    attempts: 0,
    error: null,
    log: [],
    data: walletTopupDataSchema.parse({
      userId: 17,
      payer: PAYER,
      depositAddress: DEPOSIT,
      memo: null,
      amountSun: '25000000',
      minConfirmations: 1,
      startedAt: 0,
      nonces: ['n1'],
      request: { nonce: 'n1', sentAt: 0, settled: false },
      ...data,
    }),
  } as Job<WalletTopupData>;
}

describe('the top-up amount', () => {
  it.each([
    ['25', 25_000_000n],
    ['1', 1_000_000n],
    [' 12.5 ', 12_500_000n],
    ['0.123456', null],
    ['1.000001', 1_000_001n],
    ['9007199254.740993', 9_007_199_254_740_993n],
  ])('reads %j exactly', (text, sun) => {
    const checked = checkTopupAmount(text, sun === null ? 0n : MIN);
    expect(checked).toEqual(sun === null ? { sun: 123_456n } : { sun });
  });

  it.each(['', 'abc', '1,5', '-3', '0', '1.0000001', '1e3', '0x10'])('refuses %j', (text) => {
    expect(checkTopupAmount(text, MIN)).toEqual({ code: 'amount_invalid' });
  });

  it('refuses less than the minimum, to the sun', () => {
    expect(checkTopupAmount('0.999999', MIN)).toEqual({ code: 'amount_below_minimum' });
    expect(checkTopupAmount('1', MIN)).toEqual({ sun: MIN });
  });

  it('names the minimum in its message', () => {
    expect(topupProblem('amount_below_minimum', ['1']).message).toBe(
      '2aml credits deposits of at least 1 TRX. Enter a larger amount.',
    );
    expect(topupProblem('not_signed_in').message).toMatch(/AML tab/);
  });
});

describe('the TronLink request', () => {
  it('asks for the exact amount to the deposit address, as the payer', () => {
    expect(topupRequestOf(job('created').data, 'n2')).toEqual({
      nonce: 'n2',
      op: 'pay',
      expectedAccount: PAYER,
      payTo: DEPOSIT,
      amountSun: '25000000',
      waitForProviderMs: 4_000,
    });
  });

  it('carries the memo when 2aml requires one', () => {
    expect(topupRequestOf(job('created', { memo: 'ACC-17' }).data, 'n2').memo).toBe('ACC-17');
  });
});

describe('which transfer is the payment', () => {
  const tx = {
    txid: 'a'.repeat(64),
    type: 'TransferContract',
    from: PAYER,
    to: DEPOSIT,
    amountSun: 25_000_000n,
    contractRet: 'SUCCESS',
  };
  it('is the payer’s transfer of the exact amount to the deposit address', () => {
    expect(isTopupPayment(job('paid').data, tx)).toBe(true);
  });
  it.each([
    ['another amount', { amountSun: 24_999_999n }],
    ['another receiver', { to: PAYER }],
    ['another sender', { from: DEPOSIT }],
    ['a failed transfer', { contractRet: 'REVERT' }],
    ['a contract call', { type: 'TriggerSmartContract' }],
  ])('is not %s', (_what, change) => {
    expect(isTopupPayment(job('paid').data, { ...tx, ...change })).toBe(false);
  });
});

describe('a TronLink report', () => {
  const message = (code: string) => `text of ${code}`;
  it('keeps a reported txid at once, to be checked on the chain', () => {
    const patch = topupReportPatch(
      job('awaiting_payment'),
      'n1',
      { kind: 'paid', via: 'tron', account: PAYER, txid: 'B'.repeat(64) },
      message,
    );
    expect(patch?.data?.reportedTxids).toEqual(['b'.repeat(64)]);
    expect(patch?.state).toBeUndefined();
    expect(patch?.terminal).toBeUndefined();
  });

  it('ends the job when TronLink declined: nothing moved', () => {
    const patch = topupReportPatch(
      job('awaiting_payment'),
      'n1',
      { kind: 'error', stage: 'pay', code: 4001, message: 'User rejected' },
      message,
    );
    expect(patch).toMatchObject({
      state: 'failed',
      terminal: true,
      error: { code: 'tronlink_rejected', message: 'text of tronlink_rejected' },
    });
  });

  it('ignores a nonce the job never handed out, and any report once the job moved on', () => {
    const paid = { kind: 'paid', via: 'tron', account: PAYER, txid: 'c'.repeat(64) };
    expect(topupReportPatch(job('awaiting_payment'), 'forged', paid, message)).toBeNull();
    expect(topupReportPatch(job('paid', { txid: 'd'.repeat(64) }), 'n1', paid, message)).toBeNull();
  });
});
