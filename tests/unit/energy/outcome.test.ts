import { describe, expect, it } from 'vitest';
import { movedNoMoney, outcomeOf, TRONLINK_DECLINED, rawReportSchema } from '@/lib/tronlink/reports';

const ACCOUNT = 'TGABsdK6xFXWp6DP3QBgXHyfYzEJbN1AXc';
const report = (raw: unknown) => rawReportSchema.parse(raw);

describe('TronLink outcomes', () => {
  it('reads TIP-1193 errors of the account request by their codes', () => {
    const accounts = (code: number) =>
      outcomeOf('connect', report({ kind: 'error', stage: 'accounts', code }));
    expect(accounts(4001)).toEqual({ status: 'rejected' });
    expect(accounts(-32002)).toEqual({ status: 'request_pending' });
    expect(accounts(-32000)).toEqual({ status: 'locked' });
    expect(accounts(4200)).toMatchObject({ status: 'error' });
  });

  it('reads the legacy tronLink.request answers', () => {
    const legacy = (legacyCode: number) =>
      outcomeOf('connect', report({ kind: 'error', stage: 'accounts', legacyCode, message: 'x' }));
    expect(legacy(4001)).toEqual({ status: 'rejected' });
    expect(legacy(4000)).toEqual({ status: 'request_pending' });
    expect(outcomeOf('connect', report({ kind: 'locked', via: 'tronLink' }))).toEqual({ status: 'locked' });
  });

  it('tells a declined payment from a declined signature (TronWeb rejects both with a bare string)', () => {
    expect(outcomeOf('pay', report({ kind: 'error', stage: 'pay', thrown: TRONLINK_DECLINED }))).toEqual({
      status: 'rejected',
    });
    expect(outcomeOf('sign', report({ kind: 'error', stage: 'sign', thrown: TRONLINK_DECLINED }))).toEqual({
      status: 'signature_declined',
    });
    expect(outcomeOf('sign', report({ kind: 'error', stage: 'sign', code: 4001 }))).toEqual({
      status: 'signature_declined',
    });
  });

  it('names not installed, wrong account and results', () => {
    expect(outcomeOf('pay', report({ kind: 'absent' }))).toEqual({ status: 'not_installed' });
    expect(outcomeOf('pay', report({ kind: 'wrong_account', account: ACCOUNT }))).toEqual({
      status: 'wrong_account',
      account: ACCOUNT,
    });
    expect(
      outcomeOf('pay', report({ kind: 'paid', via: 'tron', account: ACCOUNT, txid: 'ab'.repeat(32) })),
    ).toEqual({
      status: 'paid',
      account: ACCOUNT,
      txid: 'ab'.repeat(32),
    });
    expect(outcomeOf('connect', report({ kind: 'connected', via: 'tronWeb', account: ACCOUNT }))).toEqual({
      status: 'connected',
      account: ACCOUNT,
      via: 'tronWeb',
    });
  });

  it('keeps the txid of a payment whose broadcast failed, since it may still land', () => {
    const outcome = outcomeOf(
      'pay',
      report({ kind: 'error', stage: 'pay', code: 'SERVER_BUSY', txid: 'cd'.repeat(32) }),
    );
    expect(outcome).toEqual({ status: 'error', detail: 'SERVER_BUSY', txid: 'cd'.repeat(32) });
    expect(movedNoMoney(outcome)).toBe(false);
  });

  it('knows which outcomes prove nothing was paid', () => {
    expect(movedNoMoney({ status: 'rejected' })).toBe(true);
    expect(movedNoMoney({ status: 'locked' })).toBe(true);
    expect(movedNoMoney({ status: 'not_installed' })).toBe(true);
    expect(movedNoMoney({ status: 'error', detail: 'x' })).toBe(false);
  });

  it('refuses reports that are not shaped like the bridge writes them', () => {
    expect(rawReportSchema.safeParse({ kind: 'paid', txid: 5 }).success).toBe(false);
    expect(
      rawReportSchema.safeParse({ kind: 'signed', via: 'tron', account: 'x', signature: 'y'.repeat(500) })
        .success,
    ).toBe(false);
  });
});
