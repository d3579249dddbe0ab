/**
 * The sandbox world the extension runs against, as the e2e tests drive it: its control calls
 * (`/__sandbox/*`), the TronLink emulator's policy, the services' ledger, and reads of the sandbox
 * chain, and the identities it seeded. One instance per test file (the `sandbox` fixture).
 */
import { TronWeb } from 'tronweb';
import { expect } from 'vitest';
import type { EmulatorConfig } from '../../sandbox/tronlink/emulator-config';
import type { ExtensionHarness } from '../extension';

export interface Wallet {
  address: string;
  privateKey: string;
}

export interface SeededUser {
  email: string;
  password: string;
  twoFactor: { recoveryCodes: string[] } | null;
}

/** The sandbox's TronScan-like pages and the addresses they show. */
export interface TronScanCatalog {
  pages: Record<string, string>;
  tronlink: string;
  usdt: string;
  lookalike: { address: string };
  knownBad: string[];
  invalid: Record<string, string[]>;
}

/** What `GET /__sandbox/accounts` returns (the parts the tests use). */
export interface SandboxAccounts {
  chain: { wallets: Record<'tronlink' | 'tronlink2' | 'stranger' | 'fresh', Wallet> };
  tronnrg: { payTo: string };
  tronscan: TronScanCatalog;
  '2aml': { users: Record<'alice' | 'bob' | 'carol', SeededUser> };
  tronzap: { accounts: { name: string; token: string; secret: string; balanceTrx: string | null }[] };
}

export interface LedgerEntry {
  service: string;
  kind: string;
  account?: string;
  amount?: string;
  unit?: string;
  txid?: string;
}

/** The ledger's services the tests read: TronNRG's rentals, 2aml's paid AML checks and energy orders, TronZap. */
export type LedgerService = 'tronnrg' | '2aml-aml' | '2aml-energy' | 'tronzap';

/** The entries of one kind (`payment`, `delegation`, `refund`, `charge`…). */
export const count = (entries: LedgerEntry[], kind: string) => entries.filter((e) => e.kind === kind).length;

/** TRON's block interval, the sandbox default. */
const TRON_BLOCK_INTERVAL_MS = 3_000;

export class Sandbox {
  private constructor(
    private readonly harness: ExtensionHarness,
    /** The seeded identities: the same after every reset. */
    readonly accounts: SandboxAccounts,
  ) {}

  /** The sandbox the extension of `harness` runs against. */
  static async of(harness: ExtensionHarness): Promise<Sandbox> {
    return new Sandbox(harness, await harness.control<SandboxAccounts>('GET', 'accounts'));
  }

  get origin(): string {
    return this.harness.sandboxOrigin;
  }

  /** Back to the seeded world: chain, ledger, outbox, faults and every service. */
  async reset(): Promise<void> {
    await this.harness.control('POST', 'reset');
  }

  async setBlockInterval(blockIntervalMs: number): Promise<void> {
    await this.harness.control('POST', 'config', { blockIntervalMs });
  }

  /** Short blocks: payments confirm in a fraction of a second. */
  fastBlocks(): Promise<void> {
    return this.setBlockInterval(300);
  }

  /** Back to TRON's 3 s blocks; never fails (used while tearing down). */
  async normalBlocks(): Promise<void> {
    await this.setBlockInterval(TRON_BLOCK_INTERVAL_MS).catch(() => undefined);
  }

  async mine(blocks = 1): Promise<void> {
    await this.harness.control('POST', 'mine', { blocks });
  }

  /** Adds a fault rule (`{ path, status, body, headers, delayMs, times }`). */
  async fault(rule: Record<string, unknown>): Promise<void> {
    await this.harness.control('POST', 'faults', rule);
  }

  /**
   * Holds the next `times` requests under `path` (of `method`) at the sandbox until `release` or
   * `clearFaults`; `then` says what they get after (the service's real answer by default).
   */
  async hold(
    path: string,
    options: { method?: 'GET' | 'POST'; times?: number; then?: Record<string, unknown> } = {},
  ): Promise<void> {
    await this.fault({
      path,
      method: options.method,
      times: options.times ?? 1,
      hold: true,
      ...options.then,
    });
  }

  /** Lets the held requests under `path` (every one when omitted) go on; returns how many. */
  async release(path?: string): Promise<number> {
    const { released } = await this.harness.control<{ released: number }>('POST', 'faults/release', { path });
    return released;
  }

  /** Drops every fault rule and lets every held request go on. */
  async clearFaults(): Promise<void> {
    await fetch(`${this.origin}/__sandbox/faults`, { method: 'DELETE' });
  }

  /** The requests the sandbox saw since its last reset under `path` (of `method`), oldest first. */
  async requests(
    path: string,
    method?: 'GET' | 'POST',
  ): Promise<{ method: string; path: string; held: boolean }[]> {
    const query = new URLSearchParams({ path, ...(method ? { method } : {}) });
    const { requests } = await this.harness.control<{
      requests: { method: string; path: string; held: boolean }[];
    }>('GET', `requests?${query}`);
    return requests;
  }

  /** Makes TronNRG's next delegation fail with `error` (`server_error`, `delegation_failed`…). */
  async failNextDelegation(error: string): Promise<void> {
    await this.harness.control('POST', 'tronnrg/fail-next', { error });
  }

  async blacklist(address: string): Promise<void> {
    await this.harness.control('POST', 'blacklist', { address, blacklisted: true });
  }

  /** 2aml revokes every session of `email`. */
  async expireSessions(email: string): Promise<void> {
    await this.harness.control('POST', '2aml/sessions/expire', { email });
  }

  /** The current authenticator code of a 2aml user with two-factor. */
  async totp(email: string): Promise<string> {
    const { code } = await this.harness.control<{ code: string }>('GET', `totp?email=${email}`);
    return code;
  }

  /** The e-mails 2aml sent to `to`, oldest first. */
  async outbox(to: string): Promise<{ data: { token: string } }[]> {
    const { messages } = await this.harness.control<{ messages: { data: { token: string } }[] }>(
      'GET',
      `outbox?to=${to}`,
    );
    return messages;
  }

  /** The ledger entries of one service. */
  async ledger(service: LedgerService): Promise<LedgerEntry[]> {
    const { entries } = await this.harness.control<{ entries: LedgerEntry[] }>('GET', 'ledger');
    return entries.filter((entry) => entry.service === service);
  }

  /** Sets the TronLink emulator's policy (any subset), for every tab. */
  async tronLink(config: Partial<Omit<EmulatorConfig, 'revision'>>): Promise<void> {
    const response = await fetch(`${this.origin}/tronlink/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(config),
    });
    expect(response.status).toBe(200);
  }

  // ── the chain ──

  /** A TronWeb client of the sandbox node (signing with `privateKey` when given). */
  tronWeb(privateKey?: string): TronWeb {
    return new TronWeb({ fullHost: `${this.origin}/tron`, privateKey });
  }

  /**
   * Sends 10 USDT from `from` to `to` and mines it; returns the sun it burned in all (`fee`), the part
   * for energy (`energyFee`), and the TRX the sender's balance lost (`spentSun`).
   */
  async sendUsdt(
    from: { address: string; privateKey: string },
    to: string,
  ): Promise<{ fee: number; energyFee: number; spentSun: bigint }> {
    const sender = this.tronWeb(from.privateKey);
    const before = BigInt(await sender.trx.getBalance(from.address));
    const { transaction } = await sender.transactionBuilder.triggerSmartContract(
      'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
      'transfer(address,uint256)',
      { feeLimit: 100_000_000 },
      [
        { type: 'address', value: to },
        { type: 'uint256', value: '10000000' },
      ],
      from.address,
    );
    const signed = await sender.trx.sign(transaction, from.privateKey);
    expect((await sender.trx.sendRawTransaction(signed)).result).toBe(true);
    await this.mine(1);
    const info = await sender.trx.getTransactionInfo(signed.txID);
    expect(info.receipt?.result).toBe('SUCCESS');
    const spentSun = before - BigInt(await sender.trx.getBalance(from.address));
    return { fee: info.fee ?? 0, energyFee: info.receipt?.energy_fee ?? 0, spentSun };
  }

  async balance(address: string): Promise<bigint> {
    return BigInt(await this.tronWeb().trx.getBalance(address));
  }

  /** TRX transfers from `from` to `to` on the chain. */
  async transfersOnChain(from: string, to: string): Promise<number> {
    // A refused claim can end before the payment's block is produced; count what the chain will hold.
    await this.mine(1);
    const response = await fetch(
      `${this.origin}/tron/v1/accounts/${from}/transactions?only_from=true&limit=200`,
    );
    const { data } = (await response.json()) as {
      data: { raw_data: { contract: { type: string; parameter: { value: { to_address?: string } } }[] } }[];
    };
    const toHex = this.tronWeb().address.toHex(to).toLowerCase();
    return data.filter((tx) => {
      const [contract] = tx.raw_data.contract;
      return (
        contract?.type === 'TransferContract' && contract.parameter.value.to_address?.toLowerCase() === toHex
      );
    }).length;
  }

  /** TRX payments from `from` to TronNRG's pay_to on the chain: a second one would be a double payment. */
  async tronNrgPayments(from: string): Promise<number> {
    return this.transfersOnChain(from, this.accounts.tronnrg.payTo);
  }
}
