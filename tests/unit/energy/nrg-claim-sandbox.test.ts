/**
 * The `nrg-claim` job end to end against the whole sandbox in this process: a real chain, the real
 * TronNRG over HTTP, and a TronLink stand-in that pays and signs with TronWeb. The sandbox ledger
 * shows what was charged: one payment per rental, whatever TronNRG answers.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { TronWeb } from 'tronweb';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { createJobRunner, type Job, type JobRunner } from '@/lib/jobs/runner';
import { createNrgClaimKind, type NrgClaimDeps } from '@/lib/energy/rental-job';
import { nrgClaimDataSchema, type NrgClaimData } from '@/lib/energy/claim-data';
import { bridgeResultPatch, parseReport } from '@/lib/energy/claim-results';
import { consumeTxid } from '@/lib/energy/tronlink-steps';
import { createRentalChain } from '@/lib/energy/rental-reads';
import { createTronNrgApi } from '@/lib/energy/tronnrg-client';
import { createTronNodeApi } from '@/lib/tron/node-api';
import type { BridgeOp } from '@/lib/tronlink/protocol';
import { jobsItem } from '@/lib/storage';

const TRX = 1_000_000n;

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1', blockIntervalMs: 200 });
});

afterAll(async () => {
  await sandbox?.close();
});

beforeEach(() => {
  fakeBrowser.reset();
});

/** A worker: the runner and the job kind over the sandbox, TronLink approving every request. */
function startWorker() {
  const payer = sandbox.world.chain.keypair('tronlink');
  const tronWeb = new TronWeb({ fullHost: `${sandbox.origin}/tron`, privateKey: payer.privateKey });
  const node = createTronNodeApi({
    baseUrl: `${sandbox.origin}/tron`,
    usdtContract: sandbox.world.chain.usdtContract,
  });
  const nrg = createTronNrgApi({ baseUrl: `${sandbox.origin}/tronnrg` });
  const claims: string[] = [];
  /** Every transfer TronLink sent for the rentals: the charges on the chain. */
  const paid: string[] = [];
  let nonce = 0;

  async function deliver(result: { nonce: string; op: BridgeOp; report: unknown }) {
    const record = Object.values(await jobsItem.get()).find((job) =>
      (job.data.nonces as string[] | undefined)?.includes(result.nonce),
    );
    const outcome = parseReport(result.op, result.report);
    if (!record || !outcome) return;
    const job = { ...record, data: nrgClaimDataSchema.parse(record.data) } as Job<NrgClaimData>;
    const patch = bridgeResultPatch(job, result.nonce, result.op, outcome, Date.now(), (code) => code);
    if (patch) await runner.patch(record.id, patch);
  }

  const deps: NrgClaimDeps = {
    bridge: {
      async start(request, _preferred, onReport) {
        // TronLink approves in a moment, as a person would.
        void (async () => {
          if (request.op === 'pay') {
            const sent = await tronWeb.trx.sendTransaction(request.payTo!, Number(request.amountSun));
            const txid = 'txid' in sent ? sent.txid : '';
            paid.push(txid);
            onReport({ kind: 'paid', via: 'tron', account: payer.address, txid });
          } else if (request.op === 'sign') {
            const signature = await tronWeb.trx.signMessageV2(request.message!);
            onReport({ kind: 'signed', via: 'tron', account: payer.address, signature });
          }
        })();
        return { tabId: 1 };
      },
      peek: async () => 'unknown',
    },
    chain: createRentalChain(async () => node),
    async delegate(input) {
      claims.push(input.tx_hash);
      return nrg.delegate(input);
    },
    newNonce: () => `sandbox-nonce-${String(++nonce).padStart(6, '0')}`,
    claimedTxids: async () => [],
    consumeTxid: (txid, jobId) => consumeTxid(txid, jobId),
    deliverReport: (result) => void deliver(result),
    message: (code) => code,
    readJob: async (id) => (await jobsItem.get())[id],
  };
  const kind = createNrgClaimKind(deps);
  const runner: JobRunner = createJobRunner({
    store: jobsItem,
    kinds: [kind],
    alarms: { create: () => undefined, clear: () => undefined },
  });

  async function rent(priceSun: bigint): Promise<string> {
    const supply = await nrg.supply();
    const job = await runner.create(kind, 'quote', {
      payer: payer.address,
      receiver: payer.address,
      payTo: supply.payTo,
      priceSun: priceSun.toString(),
      energy: Number((priceSun * 16_250n) / TRX),
      neededEnergy: 65_000,
      startedAt: Date.now(),
    } as NrgClaimData);
    return job.id;
  }

  return { rent, claims, paid, payer };
}

async function finished(id: string) {
  await expect
    .poll(async () => (await jobsItem.get())[id]?.terminal, { timeout: 20_000, interval: 100 })
    .toBe(true);
  const record = (await jobsItem.get())[id]!;
  return { ...record, data: nrgClaimDataSchema.parse(record.data) };
}

/** TronNRG's ledger entries for one payment (joined by the ref its claim got). */
function ledgerFor(txid: string) {
  const ref = sandbox.world.ledger
    .entries()
    .find((e) => e.service === 'tronnrg' && e.kind === 'payment' && e.txid === txid)?.ref;
  return sandbox.world.ledger.entries().filter((e) => e.service === 'tronnrg' && ref && e.ref === ref);
}

/** The payments TronNRG took from `account` (one ledger entry per verified claim). */
function paymentsFrom(account: string) {
  return sandbox.world.ledger
    .entries()
    .filter((e) => e.service === 'tronnrg' && e.kind === 'payment' && e.account === account);
}

describe('a rental against the sandbox', () => {
  it('ends refund_queued on below_minimum: one payment, one claim, the refund in the ledger', async () => {
    const worker = startWorker();
    const paymentsBefore = paymentsFrom(worker.payer.address).length;
    const id = await worker.rent(3n * TRX);
    const done = await finished(id);
    expect(done).toMatchObject({
      state: 'refund_queued',
      error: { code: 'below_minimum' },
      data: { refund: { to: worker.payer.address, amountSun: (3n * TRX).toString() } },
    });
    expect(worker.claims).toEqual([done.data.txid]);

    sandbox.world.clock.advance(5);
    await expect
      .poll(() => ledgerFor(done.data.txid!).map((e) => [e.kind, e.amount]), { timeout: 10_000 })
      .toEqual([
        ['payment', '3'],
        ['refund', '3'],
      ]);
    expect(paymentsFrom(worker.payer.address).length - paymentsBefore).toBe(1);
    expect(worker.paid).toEqual([done.data.txid]);
  });

  it('delegates once for a payment at the minimum: one payment, one delegation', async () => {
    const worker = startWorker();
    const id = await worker.rent(4n * TRX);
    const done = await finished(id);
    expect(done).toMatchObject({ state: 'delegated', data: { receipt: { energy: 65_000 } } });
    expect(ledgerFor(done.data.txid!).map((e) => e.kind)).toEqual(['payment', 'delegation']);
    expect(new Set(worker.claims)).toEqual(new Set([done.data.txid]));
    expect(worker.paid).toEqual([done.data.txid]);
  });
});
