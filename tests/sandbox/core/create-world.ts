import { SimChain } from '../chain/chain';
import { seedChainWallets } from '../chain/seed';
import type { World } from '../world';
import { createClock, type DrivenClock } from './clock';
import { createLedger, type MemoryLedger } from './ledger';
import { createOutbox, type MemoryOutbox } from './outbox';

/** The world with its concrete parts, as the server needs them (services only see `World`). */
export interface SandboxWorld extends World {
  clock: DrivenClock;
  chain: SimChain;
  ledger: MemoryLedger;
  outbox: MemoryOutbox;
}

export interface WorldOptions {
  /** The sandbox's own origin; set again by the server once it listens. */
  origin?: string;
  /** Real time source, replaceable in tests. */
  realNow?: () => number;
}

/** A fresh world: a clock, a chain with its seeded wallets, an empty ledger and outbox. */
export function createWorld(options: WorldOptions = {}): SandboxWorld {
  const clock = createClock(options.realNow);
  const chain = new SimChain(clock);
  const world: SandboxWorld = {
    origin: options.origin ?? 'http://127.0.0.1:8787',
    clock,
    chain,
    ledger: createLedger(clock),
    outbox: createOutbox(clock),
    seeded: {},
  };
  world.seeded.chain = seedChainWallets(chain);
  return world;
}
