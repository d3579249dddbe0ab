/**
 * A small in-process World for the 2aml tests, used until the shared sandbox server can be started:
 * a manual clock, and a chain that keeps TRX balances, transfers, delegations and blocks in memory.
 * Transactions are pending until `produceBlock()`, like on the real node.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type {
  ChainTx,
  KeyPair,
  LedgerEntry,
  OutboxMessage,
  SandboxChain,
  SandboxClock,
  World,
} from '../../../world';

const base58check = createBase58check(sha256);

function addressOf(privateKeyHex: string): string {
  const publicKey = secp256k1.getPublicKey(Buffer.from(privateKeyHex, 'hex'), false);
  const body = keccak_256(publicKey.subarray(1)).subarray(-20);
  return base58check.encode(Uint8Array.from([0x41, ...body]));
}

export interface ManualClock extends SandboxClock {
  /** Fires every timer that is due. */
  fireDue(): void;
}

function createManualClock(): ManualClock {
  let offset = 0;
  let timers: { atMs: number; fn: () => void }[] = [];
  const clock: ManualClock = {
    now: () => Date.now() + offset,
    advance(seconds) {
      offset += seconds * 1000;
      clock.fireDue();
    },
    at(atMs, fn) {
      const timer = { atMs, fn };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    fireDue() {
      for (;;) {
        const due = timers.filter((t) => t.atMs <= clock.now()).sort((a, b) => a.atMs - b.atMs);
        if (due.length === 0) return;
        timers = timers.filter((t) => !due.includes(t));
        for (const timer of due) timer.fn();
      }
    },
  };
  return clock;
}

export interface FakeChain extends SandboxChain {
  /** Energy the pool (or anyone) received by delegation, for assertions. */
  delegatedEnergy(address: string): number;
}

function createFakeChain(clock: SandboxClock): FakeChain {
  const keyNames = new Map<string, KeyPair>();
  const privateKeys = new Map<string, string>();
  const balances = new Map<string, bigint>();
  const activated = new Set<string>();
  const blacklisted = new Set<string>();
  const txs = new Map<string, ChainTx>();
  const pending: ChainTx[] = [];
  const delegated = new Map<string, number>();
  const listeners = new Set<(tx: ChainTx) => void>();
  let block = 1000;

  const signer = (privateKey: string) => {
    const address = privateKeys.get(privateKey) ?? addressOf(privateKey);
    privateKeys.set(privateKey, address);
    return address;
  };
  const submit = (tx: Omit<ChainTx, 'txid' | 'status' | 'timestampMs' | 'feeSun' | 'energyUsed'>): string => {
    const full: ChainTx = {
      ...tx,
      txid: randomBytes(32).toString('hex'),
      status: 'pending',
      timestampMs: clock.now(),
      feeSun: 0n,
      energyUsed: 0,
    };
    txs.set(full.txid, full);
    pending.push(full);
    return full.txid;
  };

  const chain: FakeChain = {
    usdtContract: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    keypair(name) {
      let pair = keyNames.get(name);
      if (!pair) {
        const privateKey = createHash('sha256').update(`fake-world:${name}`).digest('hex');
        pair = { privateKey, address: signer(privateKey) };
        keyNames.set(name, pair);
      }
      return pair;
    },
    blockNumber: () => block,
    produceBlock() {
      block += 1;
      const sealed = pending.splice(0);
      for (const tx of sealed) {
        const from = tx.from;
        let ok = true;
        if (tx.kind === 'trx_transfer' && tx.to) {
          const amount = tx.amount ?? 0n;
          if ((balances.get(from) ?? 0n) < amount) ok = false;
          else {
            balances.set(from, (balances.get(from) ?? 0n) - amount);
            balances.set(tx.to, (balances.get(tx.to) ?? 0n) + amount);
            activated.add(tx.to);
          }
        }
        if (tx.kind === 'delegate_resource' && tx.to) {
          if (!activated.has(tx.to)) ok = false;
          else delegated.set(tx.to, (delegated.get(tx.to) ?? 0) + Number(tx.amount ?? 0n));
        }
        tx.status = ok ? 'confirmed' : 'failed';
        tx.contractRet = ok ? 'SUCCESS' : 'REVERT';
        tx.blockNumber = block;
        tx.timestampMs = clock.now();
        for (const listener of listeners) listener(tx);
      }
    },
    isActivated: (address) => activated.has(address),
    trxBalance: (address) => balances.get(address) ?? 0n,
    usdtBalance: () => 0n,
    resources: () => ({
      energyLimit: 0,
      energyUsed: 0,
      netLimit: 0,
      netUsed: 0,
      freeNetLimit: 600,
      freeNetUsed: 0,
    }),
    mint(address, amounts) {
      balances.set(address, (balances.get(address) ?? 0n) + (amounts.trxSun ?? 0n));
      activated.add(address);
    },
    stake(address) {
      activated.add(address);
    },
    async sendTrx(privateKey, to, amountSun) {
      return submit({ kind: 'trx_transfer', from: signer(privateKey), to, amount: amountSun });
    },
    async sendUsdt() {
      throw new Error('the fake chain has no USDT');
    },
    async delegateResource(privateKey, receiver, resource, amount) {
      return submit({
        kind: 'delegate_resource',
        from: signer(privateKey),
        to: receiver,
        amount: BigInt(amount),
        resource,
      });
    },
    transaction: (txid) => txs.get(txid),
    transfers(filter) {
      return [...txs.values()].filter(
        (tx) =>
          tx.status === 'confirmed' &&
          (filter.to === undefined || tx.to === filter.to) &&
          (filter.from === undefined || tx.from === filter.from) &&
          (filter.kind === undefined || tx.kind === filter.kind) &&
          (filter.sinceMs === undefined || tx.timestampMs >= filter.sinceMs),
      );
    },
    onConfirmed(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setBlacklisted(address, value) {
      if (value) blacklisted.add(address);
      else blacklisted.delete(address);
    },
    isBlacklisted: (address) => blacklisted.has(address),
    estimateUsdtTransferEnergy: () => 64_285,
    recoverMessageSigner: () => null,
    delegatedEnergy: (address) => delegated.get(address) ?? 0,
  };
  return chain;
}

export interface FakeWorld extends World {
  clock: ManualClock;
  chain: FakeChain;
}

/** A fresh world with an empty chain, ledger and outbox. */
export function createFakeWorld(): FakeWorld {
  const clock = createManualClock();
  const ledger: LedgerEntry[] = [];
  const outbox: OutboxMessage[] = [];
  return {
    origin: 'http://127.0.0.1:8787',
    clock,
    chain: createFakeChain(clock),
    ledger: {
      record: (entry) => ledger.push({ at: new Date(clock.now()).toISOString(), ...entry }),
      entries: () => [...ledger],
    },
    outbox: {
      send: (message) => outbox.push({ at: new Date(clock.now()).toISOString(), ...message }),
      messages: () => [...outbox],
    },
    seeded: {},
  };
}
