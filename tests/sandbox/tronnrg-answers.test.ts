/**
 * The extension's TronNRG client against the running sandbox, over real HTTP: what a refused claim
 * means to a rental (lib/energy/tronnrg-client.ts) read from the answers the service really sends,
 * with the sandbox ledger showing one charge per payment.
 */
import { TronWeb } from 'tronweb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from './server';
import { createTronNrgApi, classifyClaimFailure, tronNrgErrorDetails } from '../../lib/energy/tronnrg-client';
import { ServiceError } from '../../lib/http';
import { retryDelayMs } from '../../lib/jobs/retry';
import { ENERGY_PER_TRX } from './services/tronnrg/pricing';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, blockIntervalMs: 3_600_000 });
});

afterAll(async () => {
  await sandbox?.close();
});

const TRX = 1_000_000n;

/** A claim the way a rental makes it: pay `sun` to pay_to, seal the block, sign `{txid}:{receiver}`. */
async function paidClaim(sun: bigint) {
  const nrg = createTronNrgApi({ baseUrl: `${sandbox.origin}/tronnrg` });
  const supply = await nrg.supply();
  const payer = sandbox.world.chain.keypair('tronlink');
  const tronWeb = new TronWeb({ fullHost: `${sandbox.origin}/tron`, privateKey: payer.privateKey });
  const payment = await tronWeb.trx.sendTransaction(supply.payTo, Number(sun));
  const txid = 'txid' in payment ? payment.txid : '';
  sandbox.world.chain.produceBlock();
  const signature = await tronWeb.trx.signMessageV2(`${txid}:${payer.address}`);
  return { nrg, payer, txid, claim: { tx_hash: txid, delegate_to: payer.address, signature } };
}

/** The ledger entries of TronNRG for one payment, by the ref of its claim. */
function ledgerFor(txid: string) {
  const ref = sandbox.world.ledger
    .entries()
    .find((e) => e.service === 'tronnrg' && e.kind === 'payment' && e.txid === txid)?.ref;
  return sandbox.world.ledger.entries().filter((e) => e.service === 'tronnrg' && e.ref === ref);
}

describe('a refused TronNRG claim', () => {
  it('reads below_minimum as a refund, and the ledger shows one payment and its refund', async () => {
    const { nrg, payer, txid, claim } = await paidClaim(3n * TRX);
    const error = await nrg.delegate(claim).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ServiceError);
    const failure = error as ServiceError;
    expect(failure).toMatchObject({ status: 400, code: 'below_minimum' });
    expect(classifyClaimFailure(failure)).toEqual({ kind: 'refund', code: 'below_minimum' });
    expect(tronNrgErrorDetails(failure).refund).toMatchObject({
      to: payer.address,
      amount: { sun: 3n * TRX },
    });

    sandbox.world.clock.advance(5);
    await expect
      .poll(() => ledgerFor(txid).map((e) => e.kind), { timeout: 10_000 })
      .toEqual(['payment', 'refund']);
    expect(ledgerFor(txid).map((e) => e.amount)).toEqual(['3', '3']);
    // Claiming again (a retry) is refused and charges nothing more.
    await expect(nrg.delegate(claim)).rejects.toMatchObject({ code: 'hash_already_used' });
    expect(
      classifyClaimFailure((await nrg.delegate(claim).catch((e: unknown) => e)) as ServiceError),
    ).toEqual({
      kind: 'already_used',
    });
    expect(ledgerFor(txid)).toHaveLength(2);
  });

  it('reads a 500 server_error as worth repeating, and a repeat delegates once', async () => {
    const { nrg, txid, claim } = await paidClaim(4n * TRX);
    await fetch(`${sandbox.origin}/__sandbox/tronnrg/fail-next`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: 'server_error', times: 1 }),
    });
    const error = (await nrg.delegate(claim).catch((thrown: unknown) => thrown)) as ServiceError;
    expect(error).toMatchObject({ status: 500, code: 'server_error' });
    expect(classifyClaimFailure(error)).toEqual({ kind: 'transient' });
    const receipt = await nrg.delegate(claim);
    expect(receipt.energy).toBe(Number(4n * ENERGY_PER_TRX));
    expect(ledgerFor(txid).map((e) => e.kind)).toEqual(['payment', 'delegation']);
  });

  it('reads the rate limit as worth repeating, its Retry-After within the cap', async () => {
    const nrg = createTronNrgApi({ baseUrl: `${sandbox.origin}/tronnrg`, maxAttempts: 1 });
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => nrg.health().catch((thrown: unknown) => thrown)),
    );
    const limited = answers.find((answer): answer is ServiceError => answer instanceof ServiceError);
    expect(limited).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(classifyClaimFailure(limited!)).toEqual({ kind: 'transient' });
    expect(retryDelayMs(1_000, limited!.retryAfterMs)).toBe(1_000);
  });
});
