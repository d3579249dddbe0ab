/** Validation of everything the bridge reports: it crosses the page, so it is untrusted input. */
import { z } from 'zod';
import { BRIDGE_OPS, PROVIDERS } from './protocol';

const text = (max: number) => z.string().max(max);
const errorCode = z.union([z.number(), text(80)]);

/** The wallet that answered: its TIP-6963 announcement when it made one, else the injected flags. */
export const walletIdentitySchema = z.object({
  name: z.string().min(1).max(60),
  rdns: z.string().max(100).nullable(),
  source: z.enum(['announced', 'flags', 'unknown']),
});
export type WalletIdentity = z.output<typeof walletIdentitySchema>;
/** Optional: reports from before the wallet was named, and a page's own reports, may lack it. */
const wallet = walletIdentitySchema.optional().catch(undefined);

/**
 * What the main-world function reports, before any interpretation: the raw shapes TronLink gave
 * (error codes, the legacy `{code}` answers, the bare string TronWeb rejects with).
 */
export const rawReportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('connected'), via: z.enum(PROVIDERS), account: text(64), wallet }),
  z.object({ kind: z.literal('paid'), via: z.enum(PROVIDERS), account: text(64), txid: text(80), wallet }),
  z.object({
    kind: z.literal('signed'),
    via: z.enum(PROVIDERS),
    account: text(64),
    signature: text(200),
    wallet,
  }),
  z.object({ kind: z.literal('absent') }),
  z.object({ kind: z.literal('locked'), via: z.enum(PROVIDERS).optional() }),
  z.object({ kind: z.literal('wrong_account'), account: text(64) }),
  z.object({
    kind: z.literal('error'),
    stage: z.enum(['accounts', 'pay', 'sign', 'input']),
    /** TIP-1193 `error.code`, or the node's broadcast code when TronWeb resolved `{result: false}`. */
    code: errorCode.optional(),
    /** The legacy `tronLink.request` answer code (200, 4000, 4001). */
    legacyCode: z.number().optional(),
    /** What was thrown when it was a bare string (TronWeb's "Confirmation declined by user"). */
    thrown: text(300).optional(),
    message: text(300).optional(),
    /** A txid TronWeb returned with a failed broadcast: the payment may still land. */
    txid: text(80).optional(),
  }),
]);
export type RawReport = z.output<typeof rawReportSchema>;

/** What the relay keeps per nonce, and what the background reads back after a worker restart. */
export const relayRecordSchema = z.object({
  op: z.enum(BRIDGE_OPS),
  phase: z.enum(['started', 'done']),
  report: z.unknown().optional(),
});
export type RelayRecord = z.output<typeof relayRecordSchema>;

/** The `bridge.result` message payload the relay sends to the background. */
export const bridgeResultSchema = z.object({
  nonce: z.string().min(8).max(100),
  op: z.enum(BRIDGE_OPS),
  report: rawReportSchema,
});
export type BridgeResult = z.output<typeof bridgeResultSchema>;
