/**
 * `createBridgeResults` (lib/energy/rental-job.ts): a report whose nonce no rental handed out goes to
 * the other job kinds that asked TronLink (a 2aml wallet top-up), in the order they registered, until
 * one says the nonce was its own; nothing claims a report nobody owns.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createBridgeResults, type BridgeResultInput } from '@/lib/energy/rental-job';
import type { JobRunner } from '@/lib/jobs/runner';

const report = { kind: 'absent' };

function results() {
  const runner = (): JobRunner => {
    throw new Error('no rental owns these nonces, so no job is patched');
  };
  return createBridgeResults(runner, { afterSaved: async () => {}, afterAnswer: async () => {} });
}

describe('bridge results beyond the rentals', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks each other sink in turn and stops at the one whose nonce it is', async () => {
    const sink = results();
    const asked: string[] = [];
    sink.addSink(async ({ nonce }: BridgeResultInput) => {
      asked.push(`first:${nonce}`);
      return false;
    });
    sink.addSink(async ({ nonce }: BridgeResultInput) => {
      asked.push(`second:${nonce}`);
      return nonce === 'topup-nonce';
    });
    sink.addSink(async ({ nonce }: BridgeResultInput) => {
      asked.push(`third:${nonce}`);
      return false;
    });

    expect(await sink.accept({ nonce: 'topup-nonce', op: 'pay', report })).toBe(true);
    expect(asked).toEqual(['first:topup-nonce', 'second:topup-nonce']);
  });

  it('claims nothing for a nonce nobody handed out', async () => {
    const sink = results();
    sink.addSink(async () => false);
    expect(await sink.accept({ nonce: 'page-noise', op: 'pay', report })).toBe(false);
  });

  it('passes no report it cannot read to any sink', async () => {
    const sink = results();
    let asked = 0;
    sink.addSink(async () => {
      asked += 1;
      return true;
    });
    expect(await sink.accept({ nonce: 'topup-nonce', op: 'pay', report: { kind: 'made-up' } })).toBe(false);
    expect(asked).toBe(0);
  });
});
