/**
 * The TronLink account Ampere last connected to, and the connect attempt in flight. The account is
 * what the page reported through the bridge: good for display and defaults, never proof of anything
 * (payments and signatures are checked against the chain and the payer's key instead).
 */
import { z } from 'zod';
import { tronAddress } from '../api/common-schemas';
import { PROVIDERS } from './protocol';
import { defineValidatedItem } from '../storage';

export const tronLinkAccountSchema = z
  .object({
    address: tronAddress,
    via: z.enum(PROVIDERS),
    connectedAt: z.number(),
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
