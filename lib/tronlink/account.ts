/**
 * The TronLink account: what the bridge page reported, the connect and verify attempts in flight, and
 * its proof (a claim or challenge signature recovered here) that makes it the person's own.
 */

import { z } from 'zod';
import { tronAddress } from '../api/common-schemas';
import { PROVIDERS, type Provider } from './protocol';
import { defineValidatedItem } from '../storage';
import { walletIdentitySchema, type WalletIdentity } from './reports';
import { recoverMessageSignerV2 } from '../tron/signature';
import { forgetOwnAccount, rememberProvenAccount } from '../risk/known-addresses';

export type { WalletIdentity } from './reports';

/*
 * The TronLink account Ampere last connected to, and the connect and verify attempts in flight. The
 * account is what the bridge page reported: a candidate, good for display and defaults, until a
 * signature from it was verified here (`proof`). Only a proven account counts as the person's own,
 * for example to silence lookalike warnings about itself; payments and signatures are checked
 * against the chain and the payer's key either way.
 */
/** How an account was proven: its first rental's claim signature, or a "Verify" challenge. */
export const PROOF_KINDS = ['claim', 'challenge'] as const;

export const tronLinkAccountSchema = z
  .object({
    address: tronAddress,
    via: z.enum(PROVIDERS),
    connectedAt: z.number(),
    /** Null while the account is only what a page reported. */
    proof: z
      .object({ kind: z.enum(PROOF_KINDS), at: z.number() })
      .nullable()
      .default(null)
      .catch(null),
    wallet: walletIdentitySchema.nullable().default(null).catch(null),
  })
  .nullable()
  .catch(null);
export type TronLinkAccount = NonNullable<z.output<typeof tronLinkAccountSchema>>;

/** How long a connect attempt waits for TronLink's answer (its prompt may stay open a while). */
export const CONNECT_TIMEOUT_MS = 120_000;

/** The outcome of the last connect attempt, as the popup shows it. */
export const connectAttemptSchema = z
  .object({
    nonce: z.string(),
    startedAt: z.number(),
    /** Null while TronLink is still answering. */
    outcome: z.object({ status: z.string(), message: z.string() }).nullable(),
  })
  .nullable()
  .catch(null);
export type ConnectAttempt = NonNullable<z.output<typeof connectAttemptSchema>>;

/** The TronLink account last connected through the bridge (display and defaults only). */
export const tronLinkAccountItem = defineValidatedItem('local:tronLinkAccount', tronLinkAccountSchema, {
  fallback: null,
});

/** The connect attempt in flight, so a worker restarted mid-prompt still takes its answer. */
export const tronLinkConnectItem = defineValidatedItem('session:tronLinkConnect', connectAttemptSchema, {
  fallback: null,
});

/** A "Verify" challenge in flight: the exact text TronLink is asked to sign, and its answer. */
export const verifyAttemptSchema = z
  .object({
    nonce: z.string(),
    address: tronAddress,
    message: z.string().max(500),
    startedAt: z.number(),
    outcome: z.object({ status: z.string(), message: z.string() }).nullable(),
  })
  .nullable()
  .catch(null);
export type VerifyAttempt = NonNullable<z.output<typeof verifyAttemptSchema>>;

/** The verify attempt in flight (memory only, like the connect attempt). */
export const tronLinkVerifyItem = defineValidatedItem('session:tronLinkVerify', verifyAttemptSchema, {
  fallback: null,
});

/*
 * From a reported account to a proven one. The bridge page reports an address; it becomes the
 * person's own only when a signature recovers to it here: the first rental's claim signature
 * (`txid:receiver`, no extra prompt) or a "Verify" challenge naming Ampere, the account, a random
 * nonce and the time. Forgetting the account takes back everything connecting added.
 */
/** The text a "Verify" asks TronLink to sign: readable, bound to Ampere, the account and this moment. */
export function challengeMessage(address: string, nonce: string, now: number): string {
  return [
    'Ampere: prove this is your account.',
    `Account: ${address}`,
    `Nonce: ${nonce}`,
    `Time: ${new Date(now).toISOString()}`,
    'Signing this moves no funds and grants nothing.',
  ].join('\n');
}

/** Stores the account a page reported as a candidate; a proof of the same address is kept. */
export async function storeCandidateAccount(
  reported: { address: string; via: Provider; wallet: WalletIdentity | null },
  now = Date.now(),
): Promise<TronLinkAccount> {
  const stored = await tronLinkAccountItem.update((current) => ({
    address: reported.address,
    via: reported.via,
    connectedAt: now,
    proof: current?.address === reported.address ? current.proof : null,
    wallet: reported.wallet,
  }));
  return stored!;
}

/**
 * Marks the stored account proven when `signature` over `message` recovers to it; true when it did.
 * The signature is checked here, whatever checked it before.
 */
export async function proveAccount(
  input: { address: string; message: string; signature: string; kind: 'claim' | 'challenge' },
  now = Date.now(),
): Promise<boolean> {
  if (recoverMessageSignerV2(input.message, input.signature) !== input.address) return false;
  let proven = false;
  await tronLinkAccountItem.update((current) => {
    if (!current || current.address !== input.address) return current;
    proven = true;
    return current.proof ? current : { ...current, proof: { kind: input.kind, at: now } };
  });
  if (proven) await rememberProvenAccount(input.address, now);
  return proven;
}

/** Forgets the account and everything connecting added (its own-account mark, the attempts). */
export async function forgetAccount(): Promise<void> {
  const account = await tronLinkAccountItem.get();
  await Promise.all([
    tronLinkAccountItem.set(null),
    tronLinkConnectItem.set(null),
    tronLinkVerifyItem.set(null),
  ]);
  if (account) await forgetOwnAccount(account.address);
}
