/** The Activity list names every job kind and state in words, with what the job is about. */
import { beforeAll, describe, expect, it } from 'vitest';
import { serveShippedMessages } from '../shipped-messages';
import { describeJob } from '@/components/activity/describe-job';
import { NRG_CLAIM_STATES } from '@/lib/energy/job-names';
import { AML_CHECK_STATES } from '@/lib/aml/check-job';
import type { JobView } from '@/lib/app-view';

beforeAll(serveShippedMessages);

const RECEIVER = 'TGABsdK6xFXWp6DP3QBgXHyfYzEJbN1AXc';
const CHECKED = 'TQMRM3KtGLWkCbRj9kvT4u3KSaMGuaUVt9';

function job(kind: string, state: string, data: Record<string, unknown>, terminal = false): JobView {
  return { id: 'j1', kind, state, terminal, createdAt: 1, updatedAt: 2, error: null, data, log: [] };
}

describe('describeJob', () => {
  it('says what a rental is: energy, price and receiver', () => {
    const words = describeJob(
      job('nrg-claim', 'delegated', { energy: 65_000, priceSun: '4000000', receiver: RECEIVER }, true),
    );
    expect(words.title).toBe('Energy rental');
    expect(words.state).toBe('Delegated');
    expect(words.detail).toBe('65,000 energy · 4 TRX · to TGABsd…bN1AXc');
  });

  it('gives a completed check its address and verdict', () => {
    const words = describeJob(
      job('aml-check', 'completed', { address: CHECKED, result: { level: 'critical', score: 97 } }, true),
    );
    expect(words.title).toBe('AML check');
    expect(words.state).toBe('Completed');
    expect(words.detail).toBe('TQMRM3…uaUVt9 · Critical risk, score 97 of 100.');
  });

  it('counts the credits of a purchase', () => {
    const words = describeJob(job('credit-purchase', 'completed', { credits: 10 }, true));
    expect(words).toEqual({ title: 'Credit purchase', state: 'Credits bought', detail: '10 AML credits' });
  });

  it('says what a TronZap order is: energy or an activation, price and receiver', () => {
    const energy = describeJob(
      job(
        'zap-tx',
        'ready',
        { service: 'energy', amount: 65_000, priceSun: '5466500', receiver: RECEIVER },
        true,
      ),
    );
    expect(energy).toEqual({
      title: 'TronZap order',
      state: 'Ready on the chain',
      detail: '65,000 energy · 5.4665 TRX · to TGABsd…bN1AXc',
    });
    const activation = describeJob(
      job('zap-tx', 'uncertain', { service: 'activate_address', receiver: RECEIVER }),
    );
    expect(activation.detail).toBe('Activate the address · to TGABsd…bN1AXc');
    expect(activation.state).toBe('Checking whether TronZap took the order');
  });

  it('says what a 2aml energy order is: energy, price and receiver', () => {
    const words = describeJob(
      job('energy-order', 'placed', {
        energy: 65_000,
        period: '1H',
        priceSun: '6850000',
        receiver: RECEIVER,
      }),
    );
    expect(words).toEqual({
      title: '2aml energy order',
      state: '2aml is delegating',
      detail: '65,000 energy · 6.85 TRX · to TGABsd…bN1AXc',
    });
  });

  it('says which payment a watch follows and where it stands', () => {
    const words = describeJob(
      job(
        'payment-watch',
        'completed',
        { amountCrypto: '12.5', asset: 'USDT', transactionId: 'order-7' },
        true,
      ),
    );
    expect(words).toEqual({ title: 'Payment', state: 'Paid', detail: '12.5 USDT · order-7' });
  });

  it.each([
    ...['creating', 'uncertain', 'placed', 'confirming', 'ready', 'failed'].map(
      (state) => ['zap-tx', state] as const,
    ),
    ...['watching', 'completed', 'expired', 'failed'].map((state) => ['payment-watch', state] as const),
    ...['creating', 'placed', 'confirming', 'ready', 'refunded', 'failed'].map(
      (state) => ['energy-order', state] as const,
    ),
    ...NRG_CLAIM_STATES.map((state) => ['nrg-claim', state] as const),
    ...AML_CHECK_STATES.map((state) => ['aml-check', state] as const),
  ])('has a word for %s state %s', (kind, state) => {
    const words = describeJob(job(kind, state, {}));
    expect(words.state).not.toBe('');
    expect(words.state).not.toBe(state);
  });

  it('keeps a record with unreadable data or an unknown kind readable', () => {
    expect(describeJob(job('nrg-claim', 'paid', { energy: 'lots', priceSun: '4 TRX', receiver: 5 }))).toEqual(
      {
        title: 'Energy rental',
        state: 'Paid',
        detail: null,
      },
    );
    expect(describeJob(job('future-kind', 'working', {}))).toEqual({
      title: 'Background task',
      state: 'working',
      detail: null,
    });
  });
});
