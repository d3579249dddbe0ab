/**
 * `POST /delegate`: reads the claim, verifies the payment and the signature on the chain, spends the
 * hash once, delegates `floor(trx × 16,250)` energy, or queues a refund when it cannot.
 */
import { z } from 'zod';
import { TronWeb } from 'tronweb';
import type { ChainTx, KeyPair, World } from '../../world';
import { NrgError, type QueuedRefund } from './errors';
import { trxNumber, trxText } from './money';
import { energyForPayment, MAX_PAYMENT_SUN, MIN_PAYMENT_SUN } from './pricing';
import { takeForcedFailure, type NrgState } from './state';

/** Refunds leave a few seconds after the failure is answered, as a queued payout would. */
export const REFUND_DELAY_MS = 3_000;

export interface NrgAccounts {
  /** Receives the payments (and pays the refunds back). */
  payTo: KeyPair;
  /** Holds the staked TRX the energy is delegated from. */
  provider: KeyPair;
}

/** A claim whose fields have the right formats, with the address its signature recovers to. */
export interface ClaimRequest {
  /** Lower-case, for look-ups. */
  txHash: string;
  delegateTo: string;
  signer: string;
}

export interface ClaimReceipt {
  ref: string;
  energy: number;
  costSun: bigint;
  txHash: string;
  delegateTo: string;
  delegations: { tx: string; energy: number; from: string }[];
}

const fieldsSchema = z.record(z.string(), z.unknown()).catch({});
const txHashSchema = z.string().regex(/^[0-9a-fA-F]{64}$/);
const addressSchema = z.string().refine((text) => /^T/.test(text) && TronWeb.isAddress(text));
const signatureSchema = z.string();

/** Checks the three fields in the documented order and recovers the signer of `{tx_hash}:{delegate_to}`. */
export function readClaimRequest(body: unknown, world: World): ClaimRequest {
  const fields = fieldsSchema.parse(body);
  const txHash = txHashSchema.safeParse(fields.tx_hash);
  if (!txHash.success)
    throw new NrgError('invalid_tx_hash', 400, 'tx_hash must be a 64-character hex string.');
  const delegateTo = addressSchema.safeParse(fields.delegate_to);
  if (!delegateTo.success)
    throw new NrgError('invalid_address', 400, 'delegate_to is not a valid Tron address.');
  if (fields.signature === undefined || fields.signature === null || fields.signature === '') {
    throw new NrgError('missing_signature', 400, 'signature is required: sign "{tx_hash}:{delegate_to}".');
  }
  const signature = signatureSchema.safeParse(fields.signature);
  // The message is what the payer signed: the hash exactly as sent, then the receiver.
  const signer = signature.success
    ? world.chain.recoverMessageSigner(`${txHash.data}:${delegateTo.data}`, signature.data)
    : null;
  if (!signer) throw new NrgError('invalid_signature', 401, 'Signature could not be verified.');
  return { txHash: txHash.data.toLowerCase(), delegateTo: delegateTo.data, signer };
}

/** The claim desk over one world, its two accounts and the service state. */
export function createClaimDesk(world: World, accounts: NrgAccounts, state: NrgState) {
  function nextRef(): string {
    state.lastRef += 1;
    return `nrg_d_${state.lastRef}`;
  }

  /** The confirmed TRX payment to `pay_to` by the signer, or the documented reason it is not one. */
  function verifyPayment(request: ClaimRequest): ChainTx & { amount: bigint } {
    const tx = world.chain.transaction(request.txHash);
    if (!tx || tx.status === 'pending') {
      throw new NrgError(
        'payment_verification_failed',
        404,
        'Transaction not found on chain yet. Retry in a few seconds.',
      );
    }
    if (tx.from !== request.signer) {
      throw new NrgError('signature_mismatch', 403, 'Signer address does not match the payment sender.');
    }
    if (tx.status === 'failed' || tx.contractRet !== 'SUCCESS') {
      throw new NrgError('payment_verification_failed', 400, 'Payment transaction failed on chain.');
    }
    if (tx.kind !== 'trx_transfer' || tx.amount === undefined) {
      throw new NrgError('payment_verification_failed', 400, 'Payment is not a TRX transfer.');
    }
    if (tx.to !== accounts.payTo.address) {
      throw new NrgError(
        'payment_verification_failed',
        400,
        `Payment was not sent to the payment address ${accounts.payTo.address}.`,
      );
    }
    return { ...tx, amount: tx.amount };
  }

  function queueRefund(ref: string, payer: string, amountSun: bigint): QueuedRefund {
    const cancel = world.clock.at(world.clock.now() + REFUND_DELAY_MS, () => {
      state.pendingRefunds.delete(cancel);
      void sendRefund(ref, payer, amountSun);
    });
    state.pendingRefunds.add(cancel);
    return { type: 'queued', to: payer, amount: trxNumber(amountSun) };
  }

  async function sendRefund(ref: string, payer: string, amountSun: bigint): Promise<void> {
    try {
      const txid = await world.chain.sendTrx(accounts.payTo.privateKey, payer, amountSun);
      world.ledger.record({
        service: 'tronnrg',
        kind: 'refund',
        account: payer,
        amount: trxText(amountSun),
        unit: 'TRX',
        ref,
        txid,
      });
    } catch (error) {
      world.ledger.record({
        service: 'tronnrg',
        kind: 'refund',
        account: payer,
        ref,
        note: `refund failed: ${error}`,
      });
    }
  }

  /** Verifies, spends the hash (synchronously, so concurrent claims delegate once) and delegates. */
  async function claim(request: ClaimRequest): Promise<ClaimReceipt> {
    if (state.usedHashes.has(request.txHash)) {
      throw new NrgError('hash_already_used', 409, 'This transaction hash has already been claimed.');
    }
    const payment = verifyPayment(request);
    // Spent from here on: whatever happens next moves money (a delegation or a refund), once.
    state.usedHashes.add(request.txHash);
    const ref = nextRef();
    world.ledger.record({
      service: 'tronnrg',
      kind: 'payment',
      account: payment.from,
      amount: trxText(payment.amount),
      unit: 'TRX',
      ref,
      txid: payment.txid,
    });
    /** Rejects after verification, with the payment on its way back to the payer. */
    const refuse = (code: 'below_minimum' | 'delegation_failed', status: 400 | 500, message: string) =>
      new NrgError(code, status, message, { ref, refund: queueRefund(ref, payment.from, payment.amount) });

    // seeds/001: "amounts below the minimum are rejected with below_minimum and refunded".
    if (payment.amount < MIN_PAYMENT_SUN) {
      throw refuse(
        'below_minimum',
        400,
        `Payment of ${trxText(payment.amount)} TRX is below the 4 TRX minimum. Your payment will be refunded.`,
      );
    }
    if (payment.amount > MAX_PAYMENT_SUN) {
      throw refuse(
        'delegation_failed',
        400,
        `above_maximum: payment of ${trxText(payment.amount)} TRX is above the 1,000 TRX maximum. Your payment will be refunded.`,
      );
    }
    // TRON refuses to delegate to an account that does not exist yet.
    if (!world.chain.isActivated(request.delegateTo)) {
      throw refuse(
        'delegation_failed',
        400,
        'delegate_to is not activated on chain, so energy cannot be delegated to it. Your payment will be refunded.',
      );
    }

    const energy = energyForPayment(payment.amount);
    let delegationTx: string;
    try {
      if (takeForcedFailure(state, 'delegation_failed')) throw new Error('forced by the sandbox control API');
      delegationTx = await world.chain.delegateResource(
        accounts.provider.privateKey,
        request.delegateTo,
        'ENERGY',
        energy,
      );
    } catch {
      throw refuse('delegation_failed', 500, 'Energy delegation failed. Your payment will be refunded.');
    }
    world.ledger.record({
      service: 'tronnrg',
      kind: 'delegation',
      account: request.delegateTo,
      amount: String(energy),
      unit: 'energy',
      ref,
      txid: delegationTx,
    });
    return {
      ref,
      energy,
      costSun: payment.amount,
      txHash: request.txHash,
      delegateTo: request.delegateTo,
      delegations: [{ tx: delegationTx, energy, from: accounts.provider.address }],
    };
  }

  return { claim };
}

export type ClaimDesk = ReturnType<typeof createClaimDesk>;
