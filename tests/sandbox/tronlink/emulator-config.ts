/**
 * The TronLink emulator's approval policy as the sandbox stores it. The page script reads it at load
 * and again before each approval, so a test can change it for a tab it did not open itself.
 */
import { z } from 'zod';

export const EMULATOR_MODES = ['approve', 'reject', 'delay', 'locked', 'absent'] as const;
export type EmulatorMode = (typeof EMULATOR_MODES)[number];

/** The key-pair name of the account TronLink holds by default (`world.chain.keypair('tronlink')`). */
export const DEFAULT_ACCOUNT = 'tronlink';

export interface EmulatorConfig {
  /**
   * approve: every prompt is confirmed · reject: declined · delay: confirmed after `delayMs` unless
   * the policy changed meanwhile · locked: the wallet is locked · absent: TronLink is not installed.
   */
  mode: EmulatorMode;
  delayMs: number;
  /** Key-pair name of the selected account. */
  account: string;
  /** Origins the user has connected (TronLink's whitelist); connecting again needs no prompt. */
  connectedOrigins: string[];
  /** Bumped on every change; a page's own `configure()` override lasts until the next bump. */
  revision: number;
}

export function defaultEmulatorConfig(revision: number): EmulatorConfig {
  return { mode: 'approve', delayMs: 1_000, account: DEFAULT_ACCOUNT, connectedOrigins: [], revision };
}

/** The body of `POST /tronlink/config`: any subset of the policy. */
export const emulatorConfigUpdateSchema = z
  .object({
    mode: z.enum(EMULATOR_MODES),
    delayMs: z.number().int().min(0).max(600_000),
    account: z.string().min(1).max(100),
    connectedOrigins: z.array(z.url()).max(100),
  })
  .partial()
  .strict();

export type EmulatorConfigUpdate = z.infer<typeof emulatorConfigUpdateSchema>;

/** The body of `POST /tronlink/connections`, sent by the page when the user connects or disconnects a site. */
export const connectionUpdateSchema = z.object({ origin: z.url(), connected: z.boolean() }).strict();
