/**
 * The TronLink account Ampere last connected to, and the connect and verify attempts in flight. The
 * account is what the bridge page reported: a candidate, good for display and defaults, until a
 * signature from it was verified here (`proof`). Only a proven account counts as the person's own,
 * for example to silence lookalike warnings about itself; payments and signatures are checked
 * against the chain and the payer's key either way.
 */
import { z } from 'zod';
import { tronAddress } from '../api/common-schemas';
import { PROVIDERS } from './protocol';
import { defineValidatedItem } from '../storage';
import { walletIdentitySchema } from './schemas';

export type { WalletIdentity } from './schemas';

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
