import { describe, expect, it } from 'vitest';
import {
  createTronNrgApi,
  energyForPaymentSun,
  paymentSunForEnergy,
  TRONNRG_ENERGY_PER_TRX,
  TRONNRG_MIN_PAYMENT_SUN,
} from '@/lib/energy/tronnrg-client';
import { noSleep, scriptedFetch, seed, type Script, type ScriptedReply } from './scripted-fetch';

const BASE = 'http://127.0.0.1:8787/tronnrg';
const PAY_TO = 'TFqUiCu1JwLHHnBNeaaVKH7Csm4aA3YhZx';
const RECEIVER = 'TGzz8gjYiYRqpfmDwnLxfgPuLVNmpCswVp';
const TX = 'a1'.repeat(32);
const SIGNATURE = `0x${'ab'.repeat(65)}`;

function clientWith(script: Script | ScriptedReply[]) {
  const { fetch, requests } = scriptedFetch(script);
  return { api: createTronNrgApi({ baseUrl: BASE, fetch, sleep: noSleep }), requests };
}

describe('TronNRG', () => {
  it('reads the payment address and the live bounds from /supply', async () => {
    const { api, requests } = clientWith([
      // What a server that states its bounds sends: the bounds are TRX as JSON numbers.
      { body: { pay_to: PAY_TO, energy_per_trx: 16_250, min_trx: 4, max_trx: 500.5, available: true } },
    ]);
    const supply = await api.supply();
    expect(requests[0]).toMatchObject({ url: `${BASE}/supply`, method: 'GET' });
    expect(supply).toMatchObject({ payTo: PAY_TO, minPaymentSun: 4_000_000n, maxPaymentSun: 500_500_000n });
  });

  it('answers the health check', async () => {
    const { api } = clientWith([{ body: seed('tronnrg-health') }]);
    await expect(api.health()).resolves.toEqual({ status: 'ok' });
  });

  it('claims with the documented body and returns the receipt with an exact cost', async () => {
    const { api, requests } = clientWith([
      {
        body: `{"ref":"nrg_d_42","energy":65000,"cost":4,"status":"delegated","delegations":[{"tx":"${'cd'.repeat(32)}","energy":65000}]}`,
      },
    ]);
    const receipt = await api.delegate({ tx_hash: TX, delegate_to: RECEIVER, signature: SIGNATURE });
    expect(requests[0]).toMatchObject({
      url: `${BASE}/delegate`,
      method: 'POST',
      json: { tx_hash: TX, delegate_to: RECEIVER, signature: SIGNATURE },
    });
    expect(receipt).toEqual({
      ref: 'nrg_d_42',
      energy: 65_000,
      cost: { trx: '4', sun: 4_000_000n },
      status: 'delegated',
      delegations: [{ tx: 'cd'.repeat(32), energy: 65_000 }],
    });
  });

  it('carries the documented error code, ref and queued refund', async () => {
    const { api } = clientWith([{ status: 400, body: seed('tronnrg-delegate-error-refund') }]);
    await expect(
      api.delegate({ tx_hash: TX, delegate_to: RECEIVER, signature: SIGNATURE }),
    ).rejects.toMatchObject({
      service: 'tronnrg',
      status: 400,
      code: 'delegation_failed',
      details: {
        ref: 'nrg_d_43',
        refund: { type: 'queued', to: 'TSenderAddress', amount: { trx: '4', sun: 4_000_000n } },
      },
    });
  });

  it('keeps each documented code as it is', async () => {
    const codes: [number, string][] = [
      [400, 'invalid_tx_hash'],
      [400, 'invalid_address'],
      [400, 'missing_signature'],
      [401, 'invalid_signature'],
      [403, 'signature_mismatch'],
      [409, 'hash_already_used'],
      [404, 'payment_verification_failed'],
      [500, 'delegation_failed'],
    ];
    const { api } = clientWith(
      codes.map(([status, error]) => ({ status, body: { error, message: `m ${error}` } })),
    );
    for (const [status, error] of codes) {
      await expect(
        api.delegate({ tx_hash: TX, delegate_to: RECEIVER, signature: SIGNATURE }),
      ).rejects.toMatchObject({
        status,
        code: error,
        message: `m ${error}`,
      });
    }
  });

  it('waits out a rate limit and claims again (a claimed hash can never delegate twice)', async () => {
    const { api, requests } = clientWith([
      { status: 429, body: { error: 'rate_limited', message: 'slow down' }, headers: { 'Retry-After': '1' } },
      {
        body: {
          ref: 'r',
          energy: 65_000,
          cost: 4,
          status: 'delegated',
          delegations: [{ tx: 'ee'.repeat(32) }],
        },
      },
    ]);
    await expect(
      api.delegate({ tx_hash: TX, delegate_to: RECEIVER, signature: SIGNATURE }),
    ).resolves.toMatchObject({
      ref: 'r',
    });
    expect(requests).toHaveLength(2);
  });

  it('refuses a claim it can tell is malformed without asking the service', async () => {
    const { api, requests } = clientWith([]);
    await expect(
      api.delegate({ tx_hash: 'abc', delegate_to: RECEIVER, signature: SIGNATURE }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      api.delegate({ tx_hash: TX, delegate_to: 'TWalletThatNeedsEnergy', signature: SIGNATURE }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(requests).toHaveLength(0);
  });

  it('prices energy linearly in sun, as documented', () => {
    expect(energyForPaymentSun(4_000_000n)).toBe(65_000);
    expect(energyForPaymentSun(1_000_000_000n)).toBe(16_250_000);
    expect(energyForPaymentSun(4_000_001n)).toBe(65_000);
    expect(paymentSunForEnergy(130_000)).toBe(8_000_000n);
    expect(paymentSunForEnergy(1_000)).toBe(TRONNRG_MIN_PAYMENT_SUN);
    expect(energyForPaymentSun(paymentSunForEnergy(131_000))).toBeGreaterThanOrEqual(131_000);
    expect(TRONNRG_ENERGY_PER_TRX).toBe(16_250);
  });
});
