import type { SimChain } from './chain';
import { SUN_PER_TRX } from './constants';

/** The chain's own seeded wallets, by the name `keypair(name)` derives them from. */
export const CHAIN_WALLETS = {
  /** The TronLink user the emulator signs with. */
  tronlink: { trx: 10_000n, usdt: 1_000n },
  /** A second user with a little TRX and no USDT. */
  tronlink2: { trx: 500n, usdt: 0n },
  /** Somebody else who holds USDT (a counterparty for transfers "to a holder"). */
  stranger: { trx: 100n, usdt: 5_000n },
  /** A valid address that has never been activated on chain. */
  fresh: { trx: 0n, usdt: 0n },
} as const;

const USDT_UNIT = 1_000_000n;

/** Funds the chain wallets and returns what `GET /__sandbox/accounts` shows under `chain`. */
export function seedChainWallets(chain: SimChain) {
  const wallets: Record<
    string,
    { address: string; privateKey: string; trx: string; usdt: string; activated: boolean }
  > = {};
  for (const [name, funds] of Object.entries(CHAIN_WALLETS)) {
    const { address, privateKey } = chain.keypair(name);
    chain.mint(address, { trxSun: funds.trx * SUN_PER_TRX, usdt: funds.usdt * USDT_UNIT });
    wallets[name] = {
      address,
      privateKey,
      trx: funds.trx.toString(),
      usdt: funds.usdt.toString(),
      activated: chain.isActivated(address),
    };
  }
  return {
    usdtContract: chain.usdtContract,
    usdtIssuer: chain.keypair('usdt-issuer').address,
    wallets,
  };
}
